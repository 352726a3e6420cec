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
        List<String> formats = new ArrayList<>();
        formats.add(Integer.toString(a.codec().payloadType()));
        List<Attribute> attrs = new ArrayList<>();
        offered.mid().ifPresent(mid -> attrs.add(Attribute.of("mid", mid)));
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
        attrs.add(Attribute.flag(a.answerDirection().toString()));
        if (a.rtcpMux()) {
            attrs.add(Attribute.flag("rtcp-mux"));
        }
        attrs.add(Attribute.of("rtpmap", a.codec().toString()));
        if (a.fmtp() != null && !a.fmtp().isBlank()) {
            attrs.add(Attribute.of("fmtp", a.codec().payloadType() + " " + a.fmtp()));
        }
        if (a.telephoneEvent() != null) {
            int pt = a.telephoneEvent().payloadType();
            formats.add(Integer.toString(pt));
            attrs.add(Attribute.of("rtpmap", a.telephoneEvent().toString()));
            attrs.add(Attribute.of("fmtp", pt + " " + TELEPHONE_EVENTS));
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
        return new MediaDescription(offered.media(), p.port(), offered.protocol(), formats,
                Connection.of(p.address()), attrs);
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
