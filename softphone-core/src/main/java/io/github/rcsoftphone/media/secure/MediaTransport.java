package io.github.rcsoftphone.media.secure;

/**
 * What the call layer sends RTP through: WebRTC (ICE + DTLS-SRTP) or SDES-keyed SRTP. Each kind is started with its
 * own remote parameters ({@code WebRtcTransport.start(WebRtcRemote)}, {@code SdesTransport.start(SdesRemote)}).
 */
public interface MediaTransport extends AutoCloseable {

    /** Protects and sends one RTP packet; thread-safe; silently dropped before the transport is ready or after close. */
    void sendRtp(byte[] plainRtp);

    /** Protects and sends one RTCP compound packet; thread-safe; silently dropped before ready or after close. */
    void sendRtcp(byte[] plainRtcp);

    /** Sets the receiver of incoming media (replaces the previous one). */
    void listener(MediaListener l);

    /** A snapshot of the packet counters. */
    Counters counters();

    /** Releases the socket and every thread; idempotent. A pending start fails with {@link MediaSecurityException.Reason#CLOSED}. */
    @Override
    void close();

    /**
     * Packet counters.
     *
     * @param rtpSent        RTP packets protected and sent
     * @param rtpReceived    RTP packets received, authenticated and delivered
     * @param authFailures   SRTP/SRTCP packets dropped because the authentication tag did not verify
     * @param replaysDropped SRTP/SRTCP packets dropped as replays (or too old for the replay window)
     * @param otherDropped   other packets dropped (malformed, unknown first byte, before ready)
     */
    record Counters(long rtpSent, long rtpReceived, long authFailures, long replaysDropped, long otherDropped) {}
}
