package io.github.rcsoftphone.media.secure;

import org.jitsi.srtp.SrtpPolicy;

/** DTLS-SRTP protection profiles we support (RFC 5764 4.1.2, RFC 7714 14.2), in our order of preference. */
public enum SrtpProfile {
    AES128_CM_HMAC_SHA1_80(0x0001, 16, 14, 10, 10),
    AEAD_AES_128_GCM(0x0007, 16, 12, 16, 16),
    AES128_CM_HMAC_SHA1_32(0x0002, 16, 14, 4, 10);

    private final int id;
    private final int keyLength;
    private final int saltLength;
    private final int rtpTagLength;
    private final int rtcpTagLength;

    SrtpProfile(int id, int keyLength, int saltLength, int rtpTagLength, int rtcpTagLength) {
        this.id = id;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.rtpTagLength = rtpTagLength;
        this.rtcpTagLength = rtcpTagLength;
    }

    /** The DTLS use_srtp protection profile id. */
    public int id() {
        return id;
    }

    public int keyLength() {
        return keyLength;
    }

    public int saltLength() {
        return saltLength;
    }

    /** The profile with this use_srtp id, or null. */
    public static SrtpProfile byId(int id) {
        for (SrtpProfile p : values()) {
            if (p.id == id) {
                return p;
            }
        }
        return null;
    }

    SrtpPolicy rtpPolicy() {
        return policy(rtpTagLength);
    }

    SrtpPolicy rtcpPolicy() {
        return policy(rtcpTagLength);
    }

    private SrtpPolicy policy(int tagLength) {
        return this == AEAD_AES_128_GCM
                ? new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, keyLength, SrtpPolicy.NULL_AUTHENTICATION, 0, tagLength, saltLength)
                : new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, keyLength, SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, tagLength, saltLength);
    }
}
