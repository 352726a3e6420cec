package io.github.rcsoftphone.sip.transport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Cuts a byte stream (TCP/TLS) into SIP messages using {@code Content-Length} (or compact {@code l}), as RFC 3261
 * section 18.3 requires. CRLFs between messages (RFC 5626 keep-alives) are skipped. Sans-I/O and not thread-safe:
 * one reader feeds it. After an error every further {@link #feed} throws the same error.
 *
 * <p>Memory is bounded: at most {@code maxMessageBytes} plus one fed chunk is buffered.
 */
public final class StreamFramer {
    private final int maxMessageBytes;
    private byte[] buffer = new byte[4096];
    private int length;
    /** Where to continue searching for the end of the header section. */
    private int scanFrom;
    /** Total size of the current message once its headers are parsed, else -1. */
    private int messageSize = -1;
    private TransportException failure;

    /** A framer buffering at most {@code maxMessageBytes} per message. */
    public StreamFramer(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Adds bytes; returns the messages they complete (possibly none), in order. */
    public List<byte[]> feed(byte[] data, int offset, int count) throws TransportException {
        if (failure != null) {
            throw failure;
        }
        append(data, offset, count);
        List<byte[]> messages = new ArrayList<>();
        try {
            byte[] next;
            while ((next = nextMessage()) != null) {
                messages.add(next);
            }
        } catch (TransportException e) {
            failure = e;
            throw e;
        }
        return messages;
    }

    /** Bytes held that do not yet form a message (keep-alive CRLFs excluded). */
    public int buffered() {
        return length;
    }

    /** What is held of an unfinished message, for an error saying why the peer is cut off; empty when nothing is. */
    public String describePending() {
        if (length == 0) {
            return "";
        }
        return messageSize < 0 ? length + " bytes without the blank line ending the headers"
                : length + " of the " + messageSize + " bytes its Content-Length announces";
    }

    private byte[] nextMessage() throws TransportException {
        if (messageSize < 0) {
            skipKeepAlives();
            int headerEnd = findHeaderEnd();
            if (headerEnd < 0) {
                if (length > maxMessageBytes) {
                    throw new TransportException(TransportException.Kind.TOO_LARGE,
                            "SIP header section exceeds " + maxMessageBytes + " bytes");
                }
                return null;
            }
            long bodyLength = contentLength(new String(buffer, 0, headerEnd, StandardCharsets.ISO_8859_1));
            if (headerEnd + bodyLength > maxMessageBytes) {
                throw new TransportException(TransportException.Kind.TOO_LARGE, "SIP message of "
                        + (headerEnd + bodyLength) + " bytes exceeds the limit of " + maxMessageBytes);
            }
            messageSize = (int) (headerEnd + bodyLength);
        }
        if (length < messageSize) {
            return null;
        }
        byte[] message = Arrays.copyOf(buffer, messageSize);
        consume(messageSize);
        messageSize = -1;
        return message;
    }

    private void skipKeepAlives() {
        int n = 0;
        while (n < length && (buffer[n] == '\r' || buffer[n] == '\n')) {
            n++;
        }
        if (n > 0) {
            consume(n);
        }
    }

    /** Index just after the blank line ending the headers (CRLFCRLF, or a lenient LFLF), or -1. */
    private int findHeaderEnd() {
        for (int i = Math.max(scanFrom, 1); i < length; i++) {
            if (buffer[i] != '\n') {
                continue;
            }
            if (buffer[i - 1] == '\n') {
                return i + 1;
            }
            if (i >= 2 && buffer[i - 1] == '\r' && buffer[i - 2] == '\n') {
                return i + 1;
            }
        }
        scanFrom = Math.max(length - 2, 0);
        return -1;
    }

    private static long contentLength(String headers) throws TransportException {
        Long found = null;
        for (String line : headers.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                continue;
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (!name.equals("content-length") && !name.equals("l")) {
                continue;
            }
            String value = line.substring(colon + 1).strip();
            if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new TransportException(TransportException.Kind.PROTOCOL, "invalid Content-Length '" + value + "'");
            }
            // anything longer than 12 digits is far over any limit; cap it instead of overflowing
            long parsed = value.length() > 12 ? 1L << 40 : Long.parseLong(value);
            if (found != null && found != parsed) {
                throw new TransportException(TransportException.Kind.PROTOCOL,
                        "conflicting Content-Length values " + found + " and " + parsed);
            }
            found = parsed;
        }
        if (found == null) {
            throw new TransportException(TransportException.Kind.PROTOCOL,
                    "SIP message on a stream transport has no Content-Length");
        }
        return found;
    }

    private void append(byte[] data, int offset, int count) {
        if (length + count > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
        }
        System.arraycopy(data, offset, buffer, length, count);
        length += count;
    }

    private void consume(int n) {
        System.arraycopy(buffer, n, buffer, 0, length - n);
        length -= n;
        scanFrom = 0;
        if (buffer.length > 65536 && length < buffer.length / 4) {
            buffer = Arrays.copyOf(buffer, Math.max(4096, length));
        }
    }
}
