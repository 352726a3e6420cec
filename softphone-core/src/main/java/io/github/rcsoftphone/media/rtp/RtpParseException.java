package io.github.rcsoftphone.media.rtp;

/**
 * Bytes that are not a valid RTP or RTCP packet. The message says what was wrong and {@link #offset()} at which byte,
 * counted from the start of the packet (or compound packet) that was being decoded.
 */
public final class RtpParseException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String problem;
    private final int offset;

    /** A problem found at byte {@code offset} of the packet (-1 if no position applies). */
    public RtpParseException(String problem, int offset) {
        super(offset >= 0 ? problem + " (at byte " + offset + ")" : problem);
        this.problem = problem;
        this.offset = offset;
    }

    /** The problem alone, without the position. */
    public String problem() {
        return problem;
    }

    /** Byte offset from the start of the packet, or -1. */
    public int offset() {
        return offset;
    }
}
