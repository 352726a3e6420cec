package io.github.rcsoftphone.sip.message;

import java.util.Objects;

/**
 * Message boundaries on a stream transport (TLS, TCP), where RFC 3261 18.3 makes Content-Length mandatory.
 * Line breaks before a message (keep-alives) belong to the frame; {@link SipParser} skips them.
 */
public final class SipFraming {

    private SipFraming() {
    }

    /**
     * The byte length of the first message in {@code data[offset, offset + length)}, leading line breaks included, or
     * -1 when more bytes are needed (also when the buffer holds only line breaks). Only the Content-Length header is
     * read; {@link SipParser} checks the rest.
     *
     * @throws SipParseException if the headers are complete but Content-Length is missing, invalid or conflicting
     */
    public static int messageLength(byte[] data, int offset, int length) throws SipParseException {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(data, "data").length);
        int end = offset + length;
        int i = offset;
        while (i < end && (data[i] == '\r' || data[i] == '\n')) {
            i++;
        }
        long contentLength = -1;
        int line = 1;
        boolean first = true;
        while (true) {
            int lf = i;
            while (lf < end && data[lf] != '\n') {
                lf++;
            }
            if (lf == end) {
                return -1;
            }
            int contentEnd = lf > i && data[lf - 1] == '\r' ? lf - 1 : lf;
            if (contentEnd == i && !first) {
                i = lf + 1;
                break;
            }
            if (!first) {
                long n = contentLength(data, i, contentEnd, offset, line);
                if (n >= 0 && contentLength >= 0 && n != contentLength) {
                    throw new SipParseException("conflicting Content-Length values " + contentLength + " and " + n,
                            i - offset, line);
                }
                contentLength = n >= 0 ? n : contentLength;
            }
            first = false;
            line++;
            i = lf + 1;
        }
        if (contentLength < 0) {
            throw new SipParseException("no Content-Length in a message on a stream transport", i - offset, line);
        }
        long total = i - offset + contentLength;
        return i + contentLength <= end ? (int) total : -1;
    }

    /** The value if the line {@code [from, to)} is a Content-Length header, else -1. */
    private static long contentLength(byte[] data, int from, int to, int offset, int line) throws SipParseException {
        int colon = from;
        while (colon < to && data[colon] != ':') {
            colon++;
        }
        int nameEnd = colon;
        while (nameEnd > from && (data[nameEnd - 1] == ' ' || data[nameEnd - 1] == '\t')) {
            nameEnd--;
        }
        if (colon == to || !isContentLengthName(data, from, nameEnd)) {
            return -1;
        }
        int i = colon + 1;
        while (i < to && (data[i] == ' ' || data[i] == '\t')) {
            i++;
        }
        int valueEnd = to;
        while (valueEnd > i && (data[valueEnd - 1] == ' ' || data[valueEnd - 1] == '\t')) {
            valueEnd--;
        }
        long n = 0;
        if (valueEnd == i || valueEnd - i > 10) {
            throw new SipParseException("invalid Content-Length", i - offset, line);
        }
        for (int k = i; k < valueEnd; k++) {
            if (data[k] < '0' || data[k] > '9') {
                throw new SipParseException("invalid Content-Length", i - offset, line);
            }
            n = n * 10 + data[k] - '0';
        }
        if (n > Integer.MAX_VALUE) {
            throw new SipParseException("Content-Length " + n + " is too large", i - offset, line);
        }
        return n;
    }

    private static boolean isContentLengthName(byte[] data, int from, int to) {
        if (to - from == 1) {
            return (data[from] | 0x20) == 'l';
        }
        String full = HeaderNames.CONTENT_LENGTH;
        if (to - from != full.length()) {
            return false;
        }
        for (int k = 0; k < full.length(); k++) {
            if ((data[from + k] | 0x20) != (full.charAt(k) | 0x20)) {
                return false;
            }
        }
        return true;
    }
}
