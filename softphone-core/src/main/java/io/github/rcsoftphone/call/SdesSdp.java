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
import io.github.rcsoftphone.sdp.OfferParams;
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
        SdesRemote remote = remote(offer, audio, chosen);
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

    /**
     * The offer of an outbound TLS-flavour call: {@code RTP/SAVP} from our socket, one {@code a=crypto} line per
     * entry of {@code keys} (see {@link SdesKeys#offer()}), no rtcp-mux (RTCP on port+1 or {@code a=rtcp}).
     */
    static SessionDescription offer(List<SdesKeys.CryptoOffer> keys, List<String> codecs, String localHost, int port) {
        List<Crypto> cryptos = keys.stream().map(k -> new Crypto(k.tag(), k.suite(), k.keySalt())).toList();
        String now = Long.toString(System.currentTimeMillis());
        return OfferAnswer.offer(new OfferParams(codecs, "RTP/SAVP", localHost, port, null, List.of(), null, null,
                cryptos, false, now, "1"));
    }

    /** Where and how to send, from the answer to our {@link #offer}: its address, and the crypto line it chose. */
    static SdesRemote remote(SessionDescription answer, List<SdesKeys.CryptoOffer> ours) throws SdpNegotiationException {
        MediaDescription audio = answer.audio().orElseThrow(() -> new SdpNegotiationException("the answer has no audio"));
        SdesKeys.Chosen chosen = audio.cryptos().stream()
                .map(c -> SdesKeys.answered(ours, new SdesKeys.CryptoOffer(c.tag(), c.suite(), c.keySalt())))
                .flatMap(java.util.Optional::stream).findFirst()
                .orElseThrow(() -> new SdpNegotiationException("the answer has no a=crypto line matching our offer: "
                        + audio.cryptos().stream().map(c -> c.tag() + " " + c.suite()).toList()));
        return remote(answer, audio, chosen);
    }

    /** The far end's RTP address (and RTCP: port+1, a=rtcp, or none with rtcp-mux) with the chosen keys. */
    private static SdesRemote remote(SessionDescription sdp, MediaDescription audio, SdesKeys.Chosen chosen)
            throws SdpNegotiationException {
        Connection c = sdp.connection(audio);
        if (c == null) {
            throw new SdpNegotiationException("the SDP has no connection address");
        }
        InetSocketAddress rtp = new InetSocketAddress(c.address(), audio.port());
        InetSocketAddress rtcp = audio.rtcpMux() ? null
                : new InetSocketAddress(c.address(), audio.rtcpPort().orElse(audio.port() + 1));
        return chosen.remote(rtp, rtcp);
    }

    /** Creates an outbound call's SDES transport and our offer; the answer keys and starts it. */
    static OfferedMedia prepareOffer(SdesConfig config, List<String> codecs, String localHost) throws IOException {
        SdesTransport transport = SdesTransport.create(config);
        try {
            List<SdesKeys.CryptoOffer> keys = SdesKeys.offer();
            SessionDescription offer = offer(keys, codecs, localHost, transport.localPort());
            return new OfferedMedia(transport, offer, answer -> {
                SdesRemote remote = remote(answer, keys);
                return () -> transport.start(remote);
            });
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }
}
