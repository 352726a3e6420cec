package io.github.rcsoftphone.media.secure;

/** A datagram that is not a well-formed STUN message; the message says what and at which byte offset. */
public final class StunParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int offset;

    StunParseException(String message, int offset) {
        super(message + " (at byte " + offset + ")");
        this.offset = offset;
    }

    /** Offset in the datagram where parsing failed. */
    public int offset() {
        return offset;
    }
}
