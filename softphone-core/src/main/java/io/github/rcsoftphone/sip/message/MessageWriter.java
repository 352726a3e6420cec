package io.github.rcsoftphone.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Serialises a message: start line, headers with a corrected Content-Length, blank line, body. */
final class MessageWriter {

    private byte[] buf;
    private int len;

    private MessageWriter(int capacity) {
        buf = new byte[capacity];
    }

    static byte[] write(String startLine, Headers headers, byte[] body) {
        MessageWriter w = new MessageWriter(estimate(startLine, headers, body));
        w.text(startLine).crlf();
        boolean lengthWritten = false;
        String length = Integer.toString(body.length);
        for (Header h : headers) {
            boolean isLength = HeaderNames.isContentLength(h.name());
            if (isLength && lengthWritten) {
                continue;
            }
            w.text(h.name()).colon(isLength ? length : h.value());
            lengthWritten |= isLength;
        }
        if (!lengthWritten) {
            w.text(HeaderNames.CONTENT_LENGTH).colon(length);
        }
        w.crlf().bytes(body);
        return w.len == w.buf.length ? w.buf : Arrays.copyOf(w.buf, w.len);
    }

    private static int estimate(String startLine, Headers headers, byte[] body) {
        int n = startLine.length() + 28 + body.length;
        for (Header h : headers) {
            n += h.name().length() + h.value().length() + 4;
        }
        return n;
    }

    private MessageWriter colon(String value) {
        ensure(1);
        buf[len++] = ':';
        if (!value.isEmpty()) {
            ensure(1);
            buf[len++] = ' ';
            text(value);
        }
        return crlf();
    }

    private MessageWriter text(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                len -= i;
                return bytes(s.getBytes(StandardCharsets.UTF_8));
            }
            buf[len++] = (byte) c;
        }
        return this;
    }

    private MessageWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    private MessageWriter crlf() {
        ensure(2);
        buf[len++] = '\r';
        buf[len++] = '\n';
        return this;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }
}
