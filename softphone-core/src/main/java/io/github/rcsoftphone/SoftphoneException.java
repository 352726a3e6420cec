package io.github.rcsoftphone;

/** The project's unchecked error for softphone operations; {@link #reason()} says what went wrong. */
public class SoftphoneException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final FailureReason reason;

    public SoftphoneException(FailureReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public SoftphoneException(FailureReason reason, String message) {
        this(reason, message, null);
    }

    public FailureReason reason() {
        return reason;
    }
}
