package io.github.rcsoftphone.media.secure;

/** Receives decrypted media from a {@link MediaTransport}; called on the transport's receive thread, so return quickly. */
public interface MediaListener {
    /** A decrypted, authenticated RTP packet (header + payload, no SRTP tag). */
    void onRtp(byte[] plainRtp);

    /** A decrypted, authenticated RTCP compound packet (no SRTCP index or tag). */
    void onRtcp(byte[] plainRtcp);

    /** The transport failed after it was ready (for example {@link MediaSecurityException.Reason#CONSENT_LOST}). */
    default void onFailure(MediaSecurityException e) {
    }
}
