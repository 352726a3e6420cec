package io.github.rcsoftphone.media.codec;

/**
 * A payload that a decoder cannot decode (malformed, truncated, or not audio at all, such as the stray
 * 4-byte telephone-event-like packets RingCentral sends on the audio payload type). The call drops the packet.
 */
public final class CodecException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A payload that could not be decoded; {@code message} says which codec and why. */
    public CodecException(String message) {
        super(message);
    }

    /** As {@link #CodecException(String)} with the library exception that reported it. */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
