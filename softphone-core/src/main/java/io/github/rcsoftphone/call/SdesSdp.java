package io.github.rcsoftphone.call;

import io.github.rcsoftphone.media.secure.SdesConfig;
import io.github.rcsoftphone.media.secure.SdesKeys;
import io.github.rcsoftphone.media.secure.SdesRemote;
import io.github.rcsoftphone.media.secure.SdesTransport;
import io.github.rcsoftphone.sdp.AnswerParams;
import io.github.rcsoftphone.sdp.AudioChoice;
import io.github.rcsoftphone.sdp.Connection;
import io.github.rcsoftphone.sdp.Crypto;
import io.github.rcsoftphone.sdp.MediaDescription;
import io.github.rcsoftphone.sdp.OfferAnswer;
import io.github.rcsoftphone.sdp.SdpNegotiationException;
import io.github.rcsoftphone.sdp.SessionDescription;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * RingCentral's TLS flavour: {@code RTP/SAVP} with SRTP keyed in the SDP ({@code a=crypto}, RFC 4568), no ICE or
 * DTLS; RTCP on rtcp-mux when offered, else on port+1 (or {@code a=rtcp}).
 */
final class SdesSdp {
    private SdesSdp() {
    }

    /** True when the offer is SDES-keyed SRTP rather than WebRTC. */
    static boolean isSdes(SessionDescription offer, MediaDescription audio) {
        return !audio.cryptos().isEmpty() && offer.fingerprint(audio).isEmpty();
    }

    static PreparedMedia prepare(SdesConfig config, SessionDescription offer, AudioChoice choice, String localHost)
            throws IOException, SdpNegotiationException {
        MediaDescription audio = offer.audio().orElseThrow(() -> new SdpNegotiationException("the offer has no audio"));
        List<SdesKeys.CryptoOffer> offered = audio.cryptos().stream()
                .filter(c -> c.mki() == null && c.sessionParams().isEmpty())
                .map(c -> new SdesKeys.CryptoOffer(c.tag(), c.suite(), c.keySalt())).toList();
        SdesKeys.Chosen chosen = SdesKeys.choose(offered).orElseThrow(() -> new SdpNegotiationException(
                "no usable a=crypto line: the offer has " + audio.cryptos().stream().map(Crypto::suite).toList()
                        + ", we accept AES_CM_128_HMAC_SHA1_80, AEAD_AES_128_GCM, AES_CM_128_HMAC_SHA1_32"));
        Connection c = offer.connection(audio);
        if (c == null) {
            throw new SdpNegotiationException("the offer has no connection address");
        }
        InetSocketAddress rtp = new InetSocketAddress(c.address(), audio.port());
        InetSocketAddress rtcp = audio.rtcpMux() ? null
                : new InetSocketAddress(c.address(), audio.rtcpPort().orElse(audio.port() + 1));
        SdesRemote remote = chosen.remote(rtp, rtcp);
        SdesTransport transport = SdesTransport.create(config);
        try {
            long now = System.currentTimeMillis();
            AnswerParams params = new AnswerParams(choice, localHost, transport.localPort(), null, List.of(), null, null,
                    List.of(new Crypto(chosen.tag(), chosen.suite(), chosen.localKeySalt())), Long.toString(now), "1");
            SessionDescription answer = OfferAnswer.answer(offer, params);
            return new PreparedMedia(transport, answer, () -> transport.start(remote));
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }
}
