package io.github.rcsoftphone.sip.auth;

import java.util.Objects;

/**
 * The secret half of digest authentication.
 *
 * @param username the digest user name: for RingCentral the {@code authorizationId}, not the SIP user name
 * @param password the SIP password (never printed by {@link #toString()})
 */
public record DigestCredentials(String username, String password) {

    /** Rejects nulls. */
    public DigestCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "DigestCredentials[username=" + username + ", password=***]";
    }
}
