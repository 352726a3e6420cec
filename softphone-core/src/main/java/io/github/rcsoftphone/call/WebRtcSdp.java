package io.github.rcsoftphone.call;

import io.github.rcsoftphone.media.secure.DtlsRole;
import io.github.rcsoftphone.media.secure.IceCandidate;
import io.github.rcsoftphone.media.secure.IceParameters;
import io.github.rcsoftphone.media.secure.WebRtcLocal;
import io.github.rcsoftphone.media.secure.WebRtcRemote;
import io.github.rcsoftphone.sdp.AudioChoice;
import io.github.rcsoftphone.sdp.Candidate;
import io.github.rcsoftphone.sdp.Fingerprint;
import io.github.rcsoftphone.sdp.IceCredentials;
import io.github.rcsoftphone.sdp.MediaDescription;
import io.github.rcsoftphone.sdp.OfferAnswer;
import io.github.rcsoftphone.sdp.SdpNegotiationException;
import io.github.rcsoftphone.sdp.SdpParseException;
import io.github.rcsoftphone.sdp.SessionDescription;
import io.github.rcsoftphone.sdp.Setup;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Translates between SDP (offer/answer) and the WebRTC transport's ICE and DTLS parameters. Pure functions. */
final class WebRtcSdp {
    private WebRtcSdp() {
    }

    /** Our SDP answer and what the transport needs to know of the far end. */
    record Answer(SessionDescription sdp, WebRtcRemote remote) {
    }

    static Answer answer(SessionDescription offer, AudioChoice choice, WebRtcLocal local)
            throws SdpNegotiationException {
        MediaDescription audio = offer.audio().orElseThrow(() -> new SdpNegotiationException("the offer has no audio"));
        IceCredentials ice = offer.ice(audio).orElseThrow(
                () -> new SdpNegotiationException("the offer has no ICE credentials (a=ice-ufrag/a=ice-pwd)"));
        Fingerprint fingerprint = offer.fingerprint(audio).orElseThrow(
                () -> new SdpNegotiationException("the offer has no DTLS fingerprint"));
        Setup offered = offer.setup(audio).orElse(Setup.ACTPASS);
        Setup ours = OfferAnswer.answerSetup(offered);
        List<IceCandidate> remoteCandidates = audio.candidates().stream()
                .filter(c -> "udp".equalsIgnoreCase(c.transport()))
                .map(WebRtcSdp::toIce).toList();
        if (remoteCandidates.isEmpty()) {
            throw new SdpNegotiationException("the offer has no UDP ICE candidates");
        }
        String algorithm = fingerprint.algorithm().toLowerCase(Locale.ROOT);
        String hex = HexFormat.ofDelimiter(":").withUpperCase().formatHex(fingerprint.value());
        WebRtcRemote remote = new WebRtcRemote(new IceParameters(ice.ufrag(), ice.pwd()), remoteCandidates, algorithm,
                hex, ours == Setup.ACTIVE ? DtlsRole.CLIENT : DtlsRole.SERVER, audio.rtcpMux());

        List<Candidate> candidates = local.candidates().stream().map(WebRtcSdp::toSdp).toList();
        IceCandidate first = local.candidates().stream().filter(c -> c.component() == 1).findFirst()
                .orElseThrow(() -> new SdpNegotiationException("no local ICE candidate"));
        Fingerprint ourFingerprint;
        try {
            ourFingerprint = Fingerprint.parse(local.fingerprintAlgorithm() + " " + local.fingerprint());
        } catch (SdpParseException e) {
            throw new IllegalStateException("our own fingerprint does not parse: " + e.getMessage(), e);
        }
        long now = System.currentTimeMillis();
        io.github.rcsoftphone.sdp.AnswerParams params = new io.github.rcsoftphone.sdp.AnswerParams(choice, first.address(), first.port(),
                new IceCredentials(local.ice().ufrag(), local.ice().pwd()), candidates, ourFingerprint, ours, List.of(),
                Long.toString(now), "1");
        return new Answer(OfferAnswer.answer(offer, params), remote);
    }

    /** Creates the call's WebRTC transport (gathering its candidates) and our answer to {@code offer}. */
    static PreparedMedia prepare(io.github.rcsoftphone.media.secure.WebRtcConfig config, SessionDescription offer,
            AudioChoice choice) throws java.io.IOException, SdpNegotiationException {
        io.github.rcsoftphone.media.secure.WebRtcTransport transport =
                io.github.rcsoftphone.media.secure.WebRtcTransport.create(config);
        try {
            Answer answer = answer(offer, choice, transport.local());
            return new PreparedMedia(transport, answer.sdp(), () -> transport.start(answer.remote()));
        } catch (SdpNegotiationException | RuntimeException e) {
            transport.close();
            throw e;
        }
    }

    static IceCandidate toIce(Candidate c) {
        return new IceCandidate(c.foundation(), c.component(), c.transport().toLowerCase(Locale.ROOT), c.priority(),
                c.address(), c.port(), c.type(), c.relatedAddress(), c.relatedPort());
    }

    static Candidate toSdp(IceCandidate c) {
        return new Candidate(c.foundation(), c.component(), c.protocol().toUpperCase(Locale.ROOT), c.priority(),
                c.address(), c.port(), c.type(), c.relatedAddress(), c.relatedPort(), List.of());
    }
}
