package io.github.rcsoftphone.sdp;

/**
 * Text that is not a valid session description, or a single SDP value (an {@code a=candidate}, {@code a=crypto},
 * {@code a=fingerprint} ...) that does not follow its grammar. The message says what was wrong and, when known, on
 * which line: {@link #line()} is the 1-based line of the description, -1 when a lone value was parsed.
 */
public final class SdpParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String problem;
    private final int line;

    /** A problem found on {@code line} (1-based, -1 if not applicable). */
    public SdpParseException(String problem, int line) {
        super(line > 0 ? problem + " (SDP line " + line + ")" : problem);
        this.problem = problem;
        this.line = line;
    }

    /** A problem in a lone value, with no line. */
    public SdpParseException(String problem) {
        this(problem, -1);
    }

    /** The problem without the position. */
    public String problem() {
        return problem;
    }

    /** 1-based line number within the description, or -1 when a single value was parsed. */
    public int line() {
        return line;
    }

    /** This problem placed on {@code line} and quoting the line's text. */
    SdpParseException atLine(int line, String text) {
        String shown = text.length() > 120 ? text.substring(0, 120) + "..." : text;
        return new SdpParseException(problem + " in \"" + shown + "\"", line);
    }
}
