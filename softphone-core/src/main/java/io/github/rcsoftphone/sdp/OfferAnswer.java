package io.github.rcsoftphone.sdp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * RFC 3264 offer/answer for one audio stream, as pure functions: {@link #chooseAudio} picks the codec,
 * {@link #answer} writes the answer. Works for the RingCentral WSS shape (RTP/SAVPF, ICE, DTLS, no {@code a=mid}),
 * browsers (UDP/TLS/RTP/SAVPF, BUNDLE, mid), rtpengine, SDES (RTP/SAVP with {@code a=crypto}) and plain RTP/AVP.
 */
public final class OfferAnswer {

    /** Opus parameters worth echoing in the answer (others describe the offerer's sending side). */
    private static final List<String> OPUS_ECHO = List.of("minptime", "useinbandfec");

    /** The events we accept, 0-9 * # A-D and flash. */
    static final String TELEPHONE_EVENTS = "0-16";

    private OfferAnswer() {
    }

    /**
     * Chooses the audio codec: the first of {@code preferredCodecs} (encoding names, any case) that the offer has.
     * For Opus the offer's 48000 Hz entry wins over another clock (RingCentral's 109 OPUS/16000). The
     * telephone-event format is the offer's one with the codec's clock, else its 8000 Hz one.
     *
     * @throws SdpNegotiationException if the stream is rejected (port 0) or no codec is common
     */
    public static AudioChoice chooseAudio(MediaDescription offer, List<String> preferredCodecs)
            throws SdpNegotiationException {
        Objects.requireNonNull(offer, "offer");
        if (offer.port() == 0) {
            throw new SdpNegotiationException("the offer's m=" + offer.media() + " line is disabled (port 0)");
        }
        List<RtpMap> offered = offer.rtpMaps();
        RtpMap codec = null;
        for (String wanted : preferredCodecs) {
            if (wanted.equalsIgnoreCase("telephone-event")) {
                continue;
            }
            for (RtpMap m : offered) {
                if (m.is(wanted) && (codec == null || better(m, codec))) {
                    codec = m;
                }
            }
            if (codec != null) {
                break;
            }
        }
        if (codec == null) {
            Set<String> names = new LinkedHashSet<>();
            for (RtpMap m : offered) {
                if (!m.isTelephoneEvent()) {
                    names.add(m.upperName());
                }
            }
            throw new SdpNegotiationException("no common audio codec: offer has "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ", we accept "
                    + String.join(", ", preferredCodecs));
        }
        RtpMap event = null;
        for (RtpMap m : offered) {
            if (m.isTelephoneEvent() && (m.clockRate() == codec.clockRate()
                    || event == null && m.clockRate() == 8000)) {
                event = m;
                if (m.clockRate() == codec.clockRate()) {
                    break;
                }
            }
        }
        String fmtp = codec.is("opus") ? opusFmtp(offer.fmtp(codec.payloadType())) : null;
        return new AudioChoice(codec, fmtp, event, offer.direction().reverse(), offer.rtcpMux());
    }

    /** Our DTLS role for an offered one: actpass and passive give active, active gives passive. */
    public static Setup answerSetup(Setup offered) {
        return switch (Objects.requireNonNull(offered, "offered")) {
            case ACTPASS, PASSIVE -> Setup.ACTIVE;
            case ACTIVE -> Setup.PASSIVE;
            case HOLDCONN -> Setup.HOLDCONN;
        };
    }

    /**
     * The answer: one accepted {@code m=audio} for the offer's first audio section (same protocol, the chosen codec
     * and telephone-event, direction, rtcp-mux, the offer's mid if it had one, ICE, DTLS and SDES lines as given);
     * every other section is refused with port 0. A BUNDLE group is answered with the accepted mid only.
     *
     * @throws IllegalArgumentException if the offer has no audio section
     */
    public static SessionDescription answer(SessionDescription offer, AnswerParams params) {
        MediaDescription offeredAudio = offer.audio()
                .orElseThrow(() -> new IllegalArgumentException("the offer has no m=audio section"));
        List<MediaDescription> sections = new ArrayList<>();
        Optional<String> acceptedMid = Optional.empty();
        for (MediaDescription m : offer.media()) {
            if (m == offeredAudio) {
                sections.add(audioAnswer(m, params));
                acceptedMid = m.mid();
            } else {
                sections.add(rejected(m));
            }
        }
        List<Attribute> session = new ArrayList<>();
        if (acceptedMid.isPresent() && hasBundle(offer, acceptedMid.get())) {
            session.add(Attribute.of("group", "BUNDLE " + acceptedMid.get()));
        }
        Origin origin = Origin.of(params.sessionId(), params.sessionVersion(), params.address());
        return new SessionDescription(origin, "-", Connection.of(params.address()), "0 0", session, sections);
    }

    private static MediaDescription audioAnswer(MediaDescription offered, AnswerParams p) {
        AudioChoice a = p.audio();
        List<Format> formats = new ArrayList<>();
        formats.add(new Format(a.codec(), a.fmtp()));
        if (a.telephoneEvent() != null) {
            formats.add(new Format(a.telephoneEvent(), TELEPHONE_EVENTS));
        }
        Section s = new Section(offered.media(), offered.protocol(), p.address(), p.port(), offered.mid(), p.ice(),
                p.candidates(), p.fingerprint(), p.setup(), a.answerDirection(), a.rtcpMux(), p.cryptos());
        return audioSection(s, formats);
    }

    /**
     * The offer of an outbound call: one {@code m=audio} with {@code params.codecs()} in that order (Opus as
     * {@code 111 opus/48000/2}, PCMU 0, PCMA 8) and {@code 101 telephone-event/8000}, sendrecv, and the ICE, DTLS and
     * SDES lines given.
     *
     * @throws IllegalArgumentException for a codec we cannot send
     */
    public static SessionDescription offer(OfferParams params) {
        List<Format> formats = new ArrayList<>();
        for (String name : params.codecs()) {
            formats.add(offerFormat(name));
        }
        formats.add(new Format(new RtpMap(101, "telephone-event", 8000), TELEPHONE_EVENTS));
        Section s = new Section("audio", params.protocol(), params.address(), params.port(), Optional.empty(),
                params.ice(), params.candidates(), params.fingerprint(), params.setup(), Direction.SENDRECV,
                params.rtcpMux(), params.cryptos());
        Origin origin = Origin.of(params.sessionId(), params.sessionVersion(), params.address());
        return new SessionDescription(origin, "-", Connection.of(params.address()), "0 0", List.of(),
                List.of(audioSection(s, formats)));
    }

    /**
     * Reads the answer to our offer: the codec is the answer's first format that is one of {@code offeredCodecs}
     * (the answerer's preference), telephone-event as {@link #chooseAudio} picks it, our direction the reverse of
     * the answer's.
     *
     * @throws SdpNegotiationException if the answer rejects the stream or names none of our codecs
     */
    public static AudioChoice acceptAnswer(MediaDescription answer, List<String> offeredCodecs)
            throws SdpNegotiationException {
        List<String> order = new ArrayList<>();
        for (RtpMap m : answer.rtpMaps()) {
            boolean ours = offeredCodecs.stream().anyMatch(m::is);
            if (!m.isTelephoneEvent() && ours && order.stream().noneMatch(m::is)) {
                order.add(m.encoding());
            }
        }
        if (order.isEmpty() && answer.port() != 0) {
            throw new SdpNegotiationException("the answer has none of our codecs " + offeredCodecs + ": "
                    + answer.formats());
        }
        return chooseAudio(answer, order);
    }

    private static Format offerFormat(String name) {
        if (name.equalsIgnoreCase("opus")) {
            return new Format(new RtpMap(111, "opus", 48000, 2), "minptime=10;useinbandfec=1");
        }
        if (name.equalsIgnoreCase("PCMU") || name.equalsIgnoreCase("PCMA")) {
            return new Format(RtpMap.staticType(name.equalsIgnoreCase("PCMU") ? 0 : 8).orElseThrow(), null);
        }
        throw new IllegalArgumentException("cannot offer codec '" + name + "' (supported: opus, PCMU, PCMA)");
    }

    /** An RTP format and its fmtp (or null). */
    private record Format(RtpMap map, String fmtp) {
    }

    /** Everything of one audio section but its formats. */
    private record Section(String media, String protocol, String address, int port, Optional<String> mid,
            IceCredentials ice, List<Candidate> candidates, Fingerprint fingerprint, Setup setup, Direction direction,
            boolean rtcpMux, List<Crypto> cryptos) {
    }

    private static MediaDescription audioSection(Section p, List<Format> formats) {
        List<Attribute> attrs = new ArrayList<>();
        p.mid().ifPresent(mid -> attrs.add(Attribute.of("mid", mid)));
        if (p.ice() != null) {
            attrs.add(Attribute.of("ice-ufrag", p.ice().ufrag()));
            attrs.add(Attribute.of("ice-pwd", p.ice().pwd()));
        }
        if (p.fingerprint() != null) {
            attrs.add(Attribute.of("fingerprint", p.fingerprint().toString()));
        }
        if (p.setup() != null) {
            attrs.add(Attribute.of("setup", p.setup().toString()));
        }
        attrs.add(Attribute.flag(p.direction().toString()));
        if (p.rtcpMux()) {
            attrs.add(Attribute.flag("rtcp-mux"));
        }
        List<String> payloadTypes = new ArrayList<>();
        for (Format f : formats) {
            payloadTypes.add(Integer.toString(f.map().payloadType()));
            attrs.add(Attribute.of("rtpmap", f.map().toString()));
            if (f.fmtp() != null && !f.fmtp().isBlank()) {
                attrs.add(Attribute.of("fmtp", f.map().payloadType() + " " + f.fmtp()));
            }
        }
        for (Crypto c : p.cryptos()) {
            attrs.add(Attribute.of("crypto", c.toString()));
        }
        if (p.ice() != null) {
            for (Candidate c : p.candidates()) {
                attrs.add(Attribute.of("candidate", c.toString()));
            }
            attrs.add(Attribute.flag("end-of-candidates"));
        }
        return new MediaDescription(p.media(), p.port(), p.protocol(), payloadTypes, Connection.of(p.address()), attrs);
    }

    private static MediaDescription rejected(MediaDescription offered) {
        List<String> formats = offered.formats().isEmpty() ? List.of("0") : List.of(offered.formats().get(0));
        List<Attribute> attrs = new ArrayList<>();
        offered.mid().ifPresent(mid -> attrs.add(Attribute.of("mid", mid)));
        return new MediaDescription(offered.media(), 0, offered.protocol(), formats, null, attrs);
    }

    private static boolean hasBundle(SessionDescription offer, String mid) {
        for (String group : offer.attributes("group")) {
            String[] t = Sdp.tokens(group);
            if (t.length > 0 && t[0].equalsIgnoreCase("BUNDLE")) {
                for (int i = 1; i < t.length; i++) {
                    if (t[i].equals(mid)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Prefers 48000 Hz (for Opus: the standard clock), else keeps the first. */
    private static boolean better(RtpMap candidate, RtpMap current) {
        return candidate.clockRate() == 48000 && current.clockRate() != 48000;
    }

    private static String opusFmtp(Optional<String> offered) {
        List<String> kept = new ArrayList<>();
        for (String param : offered.orElse("").split(";")) {
            String p = param.strip();
            int eq = p.indexOf('=');
            String name = (eq < 0 ? p : p.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            if (OPUS_ECHO.contains(name) && Sdp.isToken(p)) {
                kept.add(p);
            }
        }
        return kept.isEmpty() ? "useinbandfec=1" : String.join(";", kept);
    }
}
