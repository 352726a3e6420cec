package io.github.rcsoftphone;

/** Why a registration failed. */
public enum FailureReason {
    /** 401/403 after the credentials were sent: wrong password or authorization id. Not retried. */
    BAD_CREDENTIALS,
    /** 603 Too Many Contacts: too many devices registered for the extension; retried after a back-off. */
    TOO_MANY_CONTACTS,
    /** 5xx from the edge; retried after a back-off. */
    SERVER_ERROR,
    /** Any other final response to REGISTER. Not retried. */
    REJECTED,
    /** No answer to REGISTER in time. Retried. */
    TIMEOUT,
    /** The edge could not be reached (connection refused, DNS, reset). Retried. */
    UNREACHABLE,
    /** The TLS handshake failed: untrusted certificate, wrong host name. Not retried. */
    TLS
}
