package io.github.rcsoftphone.sip.message;

/**
 * Bytes or text that are not valid SIP. The message says what was wrong and where: {@link #offset()} is the byte
 * offset from the start of the message (or the character index within a single header value) and {@link #line()}
 * the 1-based line of the message, each -1 when it does not apply.
 */
public final class SipParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String problem;
    private final int offset;
    private final int line;

    /** A problem at {@code offset} (-1 if unknown) on {@code line} (-1 if not applicable). */
    public SipParseException(String problem, int offset, int line) {
        super(describe(problem, offset, line));
        this.problem = problem;
        this.offset = offset;
        this.line = line;
    }

    /** The problem alone, without the position. */
    public String problem() {
        return problem;
    }

    /** Byte offset from the start of the message, or character index within a value; -1 if unknown. */
    public int offset() {
        return offset;
    }

    /** 1-based line number within the message, or -1 when the text was a single value. */
    public int line() {
        return line;
    }

    private static String describe(String problem, int offset, int line) {
        if (line > 0) {
            return problem + " (line " + line + ", byte " + offset + ")";
        }
        return offset >= 0 ? problem + " (at index " + offset + ")" : problem;
    }
}
