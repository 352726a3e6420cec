package io.github.rcsoftphone.rc.provision;

import java.util.Objects;

/**
 * Provisioning over REST failed. The message says which step failed (token or sip-provision), the HTTP status and
 * the server's error fields; it never carries the client secret, the JWT or the access token.
 */
public final class ProvisioningException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why provisioning failed. */
    public enum Kind {
        /** The token endpoint rejected the client or the JWT (400/401), or sip-provision rejected the token (401). */
        BAD_CREDENTIALS,
        /** The server answered 403: the app or account may not provision a device. */
        FORBIDDEN,
        /** The server could not be reached or did not answer in time. */
        UNREACHABLE,
        /** A 2xx answer that is not the expected JSON (the message names the field). */
        BAD_RESPONSE,
        /** Any other error status (5xx, 429, other 4xx). */
        SERVER_ERROR
    }

    private final Kind kind;

    /** A failure of {@code kind} described by {@code message}. */
    public ProvisioningException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** A failure of {@code kind} described by {@code message}. */
    public ProvisioningException(Kind kind, String message) {
        this(kind, message, null);
    }

    /** Why provisioning failed. */
    public Kind kind() {
        return kind;
    }
}
