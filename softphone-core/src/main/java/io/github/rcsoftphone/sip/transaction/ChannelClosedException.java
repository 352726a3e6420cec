package io.github.rcsoftphone.sip.transaction;

/** The connection closed before the transaction finished. */
public final class ChannelClosedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ChannelClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
