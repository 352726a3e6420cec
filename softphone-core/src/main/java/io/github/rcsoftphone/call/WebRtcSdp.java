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
import io.github.rcsoftphone.sdp.OfferParams;
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
        Setup ours = OfferAnswer.answerSetup(offer.setup(audio).orElse(Setup.ACTPASS));
        WebRtcRemote remote = remote(offer, ours == Setup.ACTIVE ? DtlsRole.CLIENT : DtlsRole.SERVER);
        SdpLocal l = sdpLocal(local);
        long now = System.currentTimeMillis();
        io.github.rcsoftphone.sdp.AnswerParams params = new io.github.rcsoftphone.sdp.AnswerParams(choice,
                l.first().address(), l.first().port(), l.ice(), l.candidates(), l.fingerprint(), ours, List.of(),
                Long.toString(now), "1");
        return new Answer(OfferAnswer.answer(offer, params), remote);
    }

    /**
     * The offer of an outbound WebRTC call: {@code UDP/TLS/RTP/SAVPF} with our ICE credentials and complete host
     * candidates, our fingerprint, {@code a=setup:actpass}, rtcp-mux and {@code codecs} plus telephone-event.
     */
    static SessionDescription offer(WebRtcLocal local, List<String> codecs) throws SdpNegotiationException {
        SdpLocal l = sdpLocal(local);
        String now = Long.toString(System.currentTimeMillis());
        return OfferAnswer.offer(new OfferParams(codecs, "UDP/TLS/RTP/SAVPF", l.first().address(), l.first().port(),
                l.ice(), l.candidates(), l.fingerprint(), Setup.ACTPASS, List.of(), true, now, "1"));
    }

    /**
     * Our DTLS role from the answer to our actpass offer: the answerer's {@code active} (or no a=setup, RFC 4145's
     * default) makes us the server, its {@code passive} the client.
     */
    static DtlsRole roleFromAnswer(Setup answered) throws SdpNegotiationException {
        return switch (answered) {
            case PASSIVE -> DtlsRole.CLIENT;
            case ACTIVE, ACTPASS -> DtlsRole.SERVER;
            case HOLDCONN -> throw new SdpNegotiationException("the answer refuses DTLS (a=setup:holdconn)");
        };
    }

    /** What the transport needs of the far end, from its SDP (offer or answer) and our DTLS role. */
    static WebRtcRemote remote(SessionDescription sdp, DtlsRole ourRole) throws SdpNegotiationException {
        MediaDescription audio = sdp.audio().orElseThrow(() -> new SdpNegotiationException("the SDP has no audio"));
        IceCredentials ice = sdp.ice(audio).orElseThrow(
                () -> new SdpNegotiationException("the SDP has no ICE credentials (a=ice-ufrag/a=ice-pwd)"));
        Fingerprint fingerprint = sdp.fingerprint(audio).orElseThrow(
                () -> new SdpNegotiationException("the SDP has no DTLS fingerprint"));
        List<IceCandidate> remoteCandidates = audio.candidates().stream()
                .filter(c -> "udp".equalsIgnoreCase(c.transport()))
                .map(WebRtcSdp::toIce).toList();
        if (remoteCandidates.isEmpty()) {
            throw new SdpNegotiationException("the SDP has no UDP ICE candidates");
        }
        String algorithm = fingerprint.algorithm().toLowerCase(Locale.ROOT);
        String hex = HexFormat.ofDelimiter(":").withUpperCase().formatHex(fingerprint.value());
        return new WebRtcRemote(new IceParameters(ice.ufrag(), ice.pwd()), remoteCandidates, algorithm, hex, ourRole,
                audio.rtcpMux());
    }

    /** Our side in SDP terms. */
    private record SdpLocal(IceCandidate first, IceCredentials ice, List<Candidate> candidates, Fingerprint fingerprint) {
    }

    private static SdpLocal sdpLocal(WebRtcLocal local) throws SdpNegotiationException {
        List<Candidate> candidates = local.candidates().stream().map(WebRtcSdp::toSdp).toList();
        IceCandidate first = local.candidates().stream().filter(c -> c.component() == 1).findFirst()
                .orElseThrow(() -> new SdpNegotiationException("no local ICE candidate"));
        try {
            Fingerprint fp = Fingerprint.parse(local.fingerprintAlgorithm() + " " + local.fingerprint());
            return new SdpLocal(first, new IceCredentials(local.ice().ufrag(), local.ice().pwd()), candidates, fp);
        } catch (SdpParseException e) {
            throw new IllegalStateException("our own fingerprint does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * Creates an outbound call's WebRTC transport (ICE controlling: we offer; a lite answerer stays controlled) and
     * our offer; the answer starts ICE and DTLS in the role it picks.
     */
    static OfferedMedia prepareOffer(io.github.rcsoftphone.media.secure.WebRtcConfig config, List<String> codecs)
            throws java.io.IOException, SdpNegotiationException {
        io.github.rcsoftphone.media.secure.WebRtcTransport transport =
                io.github.rcsoftphone.media.secure.WebRtcTransport.create(config.withControlling(true));
        try {
            SessionDescription offer = offer(transport.local(), codecs);
            return new OfferedMedia(transport, offer, answer -> {
                MediaDescription audio = answer.audio().orElseThrow(
                        () -> new SdpNegotiationException("the answer has no audio"));
                WebRtcRemote remote = remote(answer, roleFromAnswer(answer.setup(audio).orElse(Setup.ACTIVE)));
                return () -> transport.start(remote);
            });
        } catch (SdpNegotiationException | RuntimeException e) {
            transport.close();
            throw e;
        }
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
