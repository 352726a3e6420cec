package io.github.rcsoftphone;

/**
 * A transfer did not happen: the far end rejected our REFER, or the call it placed to the target failed (the
 * status code of its final NOTIFY), or no answer came. The call that was to be transferred stays up.
 */
public class TransferFailedException extends SoftphoneException {
    private static final long serialVersionUID = 1L;
    private final int statusCode;

    /**
     * @param statusCode the SIP status code that ended the transfer (e.g. 486, 603), or 0 when none came
     * @param message what happened
     */
    public TransferFailedException(int statusCode, String message) {
        super(FailureReason.REJECTED, message);
        this.statusCode = statusCode;
    }

    /** The SIP status code that ended the transfer, or 0 when none came (timeout, connection lost). */
    public int statusCode() {
        return statusCode;
    }
}
