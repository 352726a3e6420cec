package io.github.rcsoftphone.sip.message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Parses one SIP message from bytes. Lenient where RFC 3261 allows it: bare LF line ends, CRLFs before the start
 * line, folded header lines (joined with one space), optional whitespace around ':'. The body is exactly
 * Content-Length bytes (extra bytes are ignored) or, without Content-Length, the rest of the input. Any other
 * problem is a {@link SipParseException} with the byte offset (from the start of the message) and line.
 * Structured header values are not parsed here but when first asked for.
 */
public final class SipParser {

    /** The most header lines a message may have (folded continuations not counted). */
    public static final int MAX_HEADERS = 256;
    /** The longest header (name, value and folded continuations) in bytes. */
    public static final int MAX_HEADER_BYTES = 16 * 1024;

    private static final byte[] VERSION = "SIP/2.0".getBytes(StandardCharsets.US_ASCII);
    /** Reads 8 bytes of a byte[] as one long, for {@link #nextBreak}. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] data;
    private final int base;
    private final int end;
    /** Start line and headers only: the body and Content-Length's value are not looked at. */
    private final boolean headOnly;
    private int line = 1;
    private long contentLength = -1;
    private String method;
    private SipUri uri;
    private int statusCode;
    private String reason;

    private SipParser(byte[] data, int offset, int length, boolean headOnly) {
        this.data = data;
        this.base = offset;
        this.end = offset + length;
        this.headOnly = headOnly;
    }

    /** Parses {@code data} as one message. */
    public static SipMessage parse(byte[] data) throws SipParseException {
        return parse(data, 0, data.length);
    }

    /** Parses {@code length} bytes of {@code data} from {@code offset} as one message. */
    public static SipMessage parse(byte[] data, int offset, int length) throws SipParseException {
        Objects.checkFromIndexSize(offset, length, Objects.requireNonNull(data, "data").length);
        return new SipParser(data, offset, length, false).message();
    }

    /**
     * Parses the start line and headers of {@code data} and leaves the body out, whatever Content-Length says (its
     * value is not checked): enough to answer a request whose body or Content-Length is broken with 400.
     */
    public static SipMessage parseHead(byte[] data) throws SipParseException {
        return new SipParser(Objects.requireNonNull(data, "data"), 0, data.length, true).message();
    }

    private SipMessage message() throws SipParseException {
        if (end == base) {
            throw error("empty input", base);
        }
        int pos = base;
        while (pos < end && (data[pos] == '\r' || data[pos] == '\n')) {
            if (data[pos] == '\n') {
                line++;
            }
            pos++;
        }
        if (pos == end) {
            throw error("input holds only line breaks", pos);
        }
        int lineEnd = nextBreak(pos);
        while (lineEnd < end && data[lineEnd] != '\n') {
            lineEnd = nextBreak(lineEnd + 1);
        }
        int startLine = pos;
        int startLineEnd = trimCr(startLine, lineEnd);
        boolean response = isResponse(startLine, startLineEnd);
        if (response) {
            statusLine(startLine, startLineEnd);
        } else {
            requestLine(startLine, startLineEnd);
        }
        if (lineEnd == end) {
            throw error("no blank line ending the headers", end);
        }
        HeaderList headers = new HeaderList();
        pos = lineEnd + 1;
        line++;
        while (true) {
            int eol = lineEnd(pos);
            int contentEnd = trimCr(pos, eol);
            if (contentEnd == pos) {
                pos = eol + 1;
                line++;
                break;
            }
            if (data[pos] == ' ' || data[pos] == '\t') {
                unfold(headers, pos, contentEnd);
            } else {
                headerLine(headers, pos, contentEnd);
            }
            pos = eol + 1;
            line++;
        }
        byte[] body = headOnly ? AbstractSipMessage.NO_BODY : body(pos);
        Headers h = new Headers(headers.toArray());
        return response ? new SipResponse(statusCode, reason, h, body) : new SipRequest(method, uri, h, body);
    }

    /** Index of the LF ending the line that starts at {@code pos}; rejects a CR not followed by LF. */
    private int lineEnd(int pos) throws SipParseException {
        for (int i = nextBreak(pos); i < end; i = nextBreak(i + 1)) {
            if (data[i] == '\n') {
                return i;
            }
            if (i + 1 < end && data[i + 1] != '\n') {
                throw error("CR not followed by LF", i);
            }
        }
        throw error("no blank line ending the headers", end);
    }

    /** Index of the first CR or LF at or after {@code from}, or {@code end}; scans 8 bytes a step. */
    private int nextBreak(int from) {
        int i = from;
        while (i + Long.BYTES <= end && !hasBreak((long) LONGS.get(data, i))) {
            i += Long.BYTES;
        }
        while (i < end && data[i] != '\n' && data[i] != '\r') {
            i++;
        }
        return i;
    }

    /** Whether one of the 8 bytes in {@code w} is CR or LF (the classic has-zero-byte test on w^LF and w^CR). */
    private static boolean hasBreak(long w) {
        long lf = w ^ 0x0A0A0A0A0A0A0A0AL;
        long cr = w ^ 0x0D0D0D0D0D0D0D0DL;
        long ones = 0x0101010101010101L;
        return ((((lf - ones) & ~lf) | ((cr - ones) & ~cr)) & 0x8080808080808080L) != 0;
    }

    private int trimCr(int from, int lf) {
        return lf > from && data[lf - 1] == '\r' ? lf - 1 : lf;
    }

    private void headerLine(HeaderList headers, int from, int to) throws SipParseException {
        if (headers.size == MAX_HEADERS) {
            throw error("more than " + MAX_HEADERS + " header lines", from);
        }
        checkHeaderSize(to - from, from);
        int i = from;
        while (i < to && HeaderNames.isTokenChar(data[i])) {
            i++;
        }
        int nameEnd = i;
        while (i < to && (data[i] == ' ' || data[i] == '\t')) {
            i++;
        }
        if (i == to || data[i] != ':') {
            if (nameEnd < to && nameEnd == i && data[nameEnd] != ':') {
                throw error(String.format("invalid character 0x%02x in header name", data[nameEnd] & 0xff), nameEnd);
            }
            throw error("header line without ':'", from);
        }
        if (nameEnd == from) {
            throw error("header line with an empty name", from);
        }
        int valueStart = skipWs(i + 1, to);
        int valueEnd = trimWs(valueStart, to);
        String name = KnownNames.name(data, from, nameEnd);
        String value = text(valueStart, valueEnd);
        if (!headOnly && HeaderNames.isContentLength(name)) {
            contentLength(value, valueStart);
        }
        headers.add(new Header(name, value));
    }

    private void unfold(HeaderList headers, int from, int to) throws SipParseException {
        Header last = headers.last();
        if (last == null) {
            throw error("continuation line before the first header", from);
        }
        int start = skipWs(from, to);
        if (start == to) {
            return;
        }
        String more = text(start, trimWs(start, to));
        checkHeaderSize(last.name().length() + last.value().length() + more.length(), from);
        String value = last.value().isEmpty() ? more : last.value() + ' ' + more;
        if (!headOnly && HeaderNames.isContentLength(last.name())) {
            contentLength = -1;
            contentLength(value, start);
        }
        headers.replaceLast(new Header(last.name(), value));
    }

    private void checkHeaderSize(int bytes, int at) throws SipParseException {
        if (bytes > MAX_HEADER_BYTES) {
            throw error("header of " + bytes + " bytes exceeds the limit of " + MAX_HEADER_BYTES, at);
        }
    }

    private void contentLength(String value, int at) throws SipParseException {
        long n = 0;
        if (value.isEmpty() || value.length() > 10) {
            throw error("invalid Content-Length '" + value + "'", at);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw error("invalid Content-Length '" + value + "'", at);
            }
            n = n * 10 + c - '0';
        }
        if (n > Integer.MAX_VALUE) {
            throw error("Content-Length " + n + " is too large", at);
        }
        if (contentLength >= 0 && contentLength != n) {
            throw error("conflicting Content-Length values " + contentLength + " and " + n, at);
        }
        contentLength = n;
    }

    private byte[] body(int pos) throws SipParseException {
        int available = end - pos;
        if (contentLength > available) {
            throw error("Content-Length " + contentLength + " exceeds the " + available + " bytes available", pos);
        }
        int n = contentLength >= 0 ? (int) contentLength : available;
        return n == 0 ? AbstractSipMessage.NO_BODY : Arrays.copyOfRange(data, pos, pos + n);
    }

    private boolean isResponse(int from, int to) {
        return to - from >= 4 && data[from] == 'S' && data[from + 1] == 'I' && data[from + 2] == 'P'
                && data[from + 3] == '/';
    }

    private void statusLine(int from, int to) throws SipParseException {
        int i = from + VERSION.length;
        if (!startsWith(from, to, VERSION) || i == to || data[i] != ' ') {
            throw error("bad status line: expected 'SIP/2.0 <code> <reason>'", from);
        }
        i++;
        int code = 0;
        for (int k = 0; k < 3; k++, i++) {
            if (i >= to || data[i] < '0' || data[i] > '9') {
                throw error("bad status code: expected three digits", i);
            }
            code = code * 10 + data[i] - '0';
        }
        if (code < 100 || code > 699 || i < to && data[i] != ' ') {
            throw error("bad status code " + text(i - 3, Math.min(to, i + 1)).trim(), i - 3);
        }
        for (int k = i + 1; k < to; k++) {
            if (data[k] >= 0 && data[k] < ' ' && data[k] != '\t' || data[k] == 0x7f) {
                throw error(String.format("control character 0x%02x in the reason phrase", data[k]), k);
            }
        }
        statusCode = code;
        reason = i < to ? text(i + 1, to) : "";
    }

    private void requestLine(int from, int to) throws SipParseException {
        int i = from;
        while (i < to && HeaderNames.isTokenChar(data[i])) {
            i++;
        }
        if (i == from || i == to || data[i] != ' ') {
            throw error("bad start line: expected 'METHOD Request-URI SIP/2.0'", i);
        }
        method = KnownNames.method(data, from, i);
        int uriStart = i + 1;
        int uriEnd = uriStart;
        while (uriEnd < to && data[uriEnd] != ' ') {
            uriEnd++;
        }
        if (uriEnd == uriStart || uriEnd == to) {
            throw error("bad start line: expected 'METHOD Request-URI SIP/2.0'", uriEnd);
        }
        if (to - uriEnd - 1 != VERSION.length || !startsWith(uriEnd + 1, to, VERSION)) {
            throw error("bad start line: expected 'SIP/2.0' after the Request-URI but found '"
                    + text(uriEnd + 1, to) + "'", uriEnd + 1);
        }
        try {
            uri = SipUri.parse(text(uriStart, uriEnd));
        } catch (SipParseException e) {
            throw error("bad Request-URI: " + e.problem(), uriStart + Math.max(0, e.offset()));
        }
    }

    private boolean startsWith(int from, int to, byte[] prefix) {
        if (to - from < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (data[from + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }

    private int skipWs(int i, int to) {
        while (i < to && (data[i] == ' ' || data[i] == '\t')) {
            i++;
        }
        return i;
    }

    private int trimWs(int from, int to) {
        while (to > from && (data[to - 1] == ' ' || data[to - 1] == '\t')) {
            to--;
        }
        return to;
    }

    private String text(int from, int to) {
        return from >= to ? "" : new String(data, from, to - from, StandardCharsets.UTF_8);
    }

    private SipParseException error(String problem, int at) {
        return new SipParseException(problem, at - base, line);
    }

    /** A growable header array, so that the message takes the array without another copy when it fits. */
    private static final class HeaderList {
        private Header[] items = new Header[16];
        private int size;

        void add(Header h) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = h;
        }

        Header last() {
            return size == 0 ? null : items[size - 1];
        }

        void replaceLast(Header h) {
            items[size - 1] = h;
        }

        Header[] toArray() {
            return size == items.length ? items : Arrays.copyOf(items, size);
        }
    }
}
