package io.github.rcsoftphone;

/**
 * An in-dialog request of ours (a hold or unhold re-INVITE) was refused or went unanswered; the call stays in the
 * state it had. {@link #statusCode()} is the final response's code, or 0 when there was none (timeout, connection
 * lost, call ended).
 */
public final class CallControlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int statusCode;

    public CallControlException(int statusCode, String message) {
        super(message);
        this.statusCode = statusCode;
    }

    /** The SIP status code of the refusal, or 0. */
    public int statusCode() {
        return statusCode;
    }
}
