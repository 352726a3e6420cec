package io.github.rcsoftphone.sip.message;

import java.util.Objects;

/**
 * The CSeq header (RFC 3261 20.16): a sequence number (32-bit unsigned) and a method.
 *
 * @param sequence sequence number, 0 to 2^32-1
 * @param method   request method, a token such as {@code INVITE}
 */
public record CSeq(long sequence, String method) {

    private static final long MAX = 0xFFFF_FFFFL;

    /** Checks the range and the method. */
    public CSeq {
        if (sequence < 0 || sequence > MAX) {
            throw new IllegalArgumentException("CSeq number out of range: " + sequence);
        }
        if (!HeaderNames.isToken(Objects.requireNonNull(method, "method"))) {
            throw new IllegalArgumentException("invalid CSeq method '" + method + "'");
        }
    }

    /** Parses {@code 8082 REGISTER}. */
    public static CSeq parse(String text) throws SipParseException {
        Objects.requireNonNull(text, "text");
        int end = Syntax.trimEnd(text, 0, text.length());
        int i = Syntax.skipWs(text, 0, end);
        int digitsStart = i;
        long n = 0;
        while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
            n = n * 10 + text.charAt(i++) - '0';
            if (n > MAX) {
                throw new SipParseException("CSeq number too large in '" + text + "'", digitsStart, -1);
            }
        }
        if (i == digitsStart) {
            throw new SipParseException("CSeq '" + text + "' does not start with a number", i, -1);
        }
        int methodStart = Syntax.skipWs(text, i, end);
        int methodEnd = Syntax.skipToken(text, methodStart, end);
        if (methodStart == i || methodEnd == methodStart || methodEnd != end) {
            throw new SipParseException("CSeq '" + text + "' is not '<number> <method>'", methodEnd, -1);
        }
        return new CSeq(n, KnownNames.method(text, methodStart, methodEnd));
    }

    /** {@code <sequence> <method>}. */
    @Override
    public String toString() {
        return sequence + " " + method;
    }
}
