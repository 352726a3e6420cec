package io.github.rcsoftphone.sdp;

import java.util.List;
import java.util.Objects;

/**
 * What {@link OfferAnswer#answer} needs besides the offer: the chosen audio, our address and port (the default
 * candidate's when ICE is used), ICE credentials and complete candidates, the DTLS fingerprint and role, SDES keys,
 * and the origin's session id and version.
 *
 * @param ice our ICE credentials, or null when the offer has no ICE
 * @param candidates every local candidate of every component (ignored without {@code ice})
 * @param fingerprint our certificate's fingerprint, or null without DTLS
 * @param setup our DTLS role, or null without DTLS
 * @param cryptos our SDES keys (empty unless the offer used SDES)
 */
public record AnswerParams(AudioChoice audio, String address, int port, IceCredentials ice, List<Candidate> candidates,
        Fingerprint fingerprint, Setup setup, List<Crypto> cryptos, String sessionId, String sessionVersion) {

    /** Checks required fields and copies the lists. */
    public AnswerParams {
        Objects.requireNonNull(audio, "audio");
        Sdp.requireLocalSide(address, port, sessionId, sessionVersion);
        candidates = List.copyOf(candidates);
        cryptos = List.copyOf(cryptos);
    }
}
