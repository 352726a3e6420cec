package io.github.rcsoftphone.media.codec;

/** {@link OpusImplementation#NATIVE} was asked for, but libopus cannot be loaded on this machine. */
public final class OpusUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** {@code message} says why the library could not be loaded and what to do. */
    public OpusUnavailableException(String message) {
        super(message);
    }
}
