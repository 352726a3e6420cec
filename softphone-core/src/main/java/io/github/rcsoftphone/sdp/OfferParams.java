package io.github.rcsoftphone.sdp;

import java.util.List;

/**
 * What {@link OfferAnswer#offer} needs to write an offer for one audio stream: the codecs in preference order, the
 * protocol, our address and port (the default candidate's when ICE is used), and the same optional ICE, DTLS and
 * SDES parts as {@link AnswerParams}.
 *
 * @param codecs encoding names in preference order ({@code opus}, {@code PCMU}, {@code PCMA}); telephone-event is
 *               always added last
 * @param protocol {@code UDP/TLS/RTP/SAVPF} (WebRTC) or {@code RTP/SAVP} (SDES)
 * @param ice our ICE credentials, or null without ICE
 * @param candidates our complete candidates (ignored without {@code ice})
 * @param fingerprint our certificate's fingerprint, or null without DTLS
 * @param setup the DTLS role we offer ({@code actpass}), or null without DTLS
 * @param cryptos our SDES keys, one line each (empty without SDES)
 * @param rtcpMux whether to offer rtcp-mux
 */
public record OfferParams(List<String> codecs, String protocol, String address, int port, IceCredentials ice,
        List<Candidate> candidates, Fingerprint fingerprint, Setup setup, List<Crypto> cryptos, boolean rtcpMux,
        String sessionId, String sessionVersion) {

    /** Checks required fields and copies the lists. */
    public OfferParams {
        codecs = List.copyOf(codecs);
        if (codecs.isEmpty()) {
            throw new IllegalArgumentException("at least one codec is needed");
        }
        Sdp.requireToken(protocol, "protocol");
        Sdp.requireLocalSide(address, port, sessionId, sessionVersion);
        candidates = List.copyOf(candidates);
        cryptos = List.copyOf(cryptos);
    }
}
