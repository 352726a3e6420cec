package io.github.rcsoftphone.media.secure;

import java.util.List;
import java.util.Objects;

/** Our side of a WebRTC media session, for the SDP answer/offer: complete candidates (no trickle), component 1 only. */
public record WebRtcLocal(IceParameters ice, List<IceCandidate> candidates, String fingerprintAlgorithm, String fingerprint) {
    public WebRtcLocal {
        Objects.requireNonNull(ice, "ice");
        candidates = List.copyOf(candidates);
        Objects.requireNonNull(fingerprintAlgorithm, "fingerprintAlgorithm");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
