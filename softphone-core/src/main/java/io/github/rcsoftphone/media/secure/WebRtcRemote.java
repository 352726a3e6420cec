package io.github.rcsoftphone.media.secure;

import java.util.List;
import java.util.Objects;

/**
 * The peer's side, from its SDP.
 *
 * @param fingerprintAlgorithm "sha-1" or "sha-256" (any JCA digest name in SDP spelling works)
 * @param ourRole              our DTLS role, from the peer's {@code a=setup}
 * @param rtcpMux              whether RTCP is multiplexed on the RTP port; only true is supported now
 */
public record WebRtcRemote(IceParameters ice, List<IceCandidate> candidates, String fingerprintAlgorithm, String fingerprint,
                           DtlsRole ourRole, boolean rtcpMux) {
    public WebRtcRemote {
        Objects.requireNonNull(ice, "ice");
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(fingerprintAlgorithm, "fingerprintAlgorithm");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(ourRole, "ourRole");
    }
}
