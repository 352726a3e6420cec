package io.github.rcsoftphone.media.secure;

import java.util.Objects;

/** Why secure media could not be set up or stopped; {@link #reason()} is the machine-readable part. */
public final class MediaSecurityException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The failure classes. */
    public enum Reason {
        /** No ICE candidate pair was nominated within the connect timeout. */
        ICE_FAILED,
        /** The DTLS handshake failed or timed out, or no SRTP profile was agreed. */
        DTLS_FAILED,
        /** The peer's certificate does not match the fingerprint from its SDP. */
        FINGERPRINT_MISMATCH,
        /** The peer stopped answering consent checks (RFC 7675). */
        CONSENT_LOST,
        /** The transport was closed. */
        CLOSED
    }

    private final Reason reason;

    public MediaSecurityException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public MediaSecurityException(Reason reason, String message) {
        this(reason, message, null);
    }

    public Reason reason() {
        return reason;
    }
}
