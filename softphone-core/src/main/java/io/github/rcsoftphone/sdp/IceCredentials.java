package io.github.rcsoftphone.sdp;

/** ICE {@code a=ice-ufrag} and {@code a=ice-pwd} (RFC 8839). */
public record IceCredentials(String ufrag, String pwd) {

    /** Both must be non-empty tokens. */
    public IceCredentials {
        Sdp.requireToken(ufrag, "ice-ufrag");
        Sdp.requireToken(pwd, "ice-pwd");
    }
}
