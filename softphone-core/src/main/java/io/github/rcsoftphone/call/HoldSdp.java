package io.github.rcsoftphone.call;

import io.github.rcsoftphone.sdp.Attribute;
import io.github.rcsoftphone.sdp.Connection;
import io.github.rcsoftphone.sdp.Crypto;
import io.github.rcsoftphone.sdp.Direction;
import io.github.rcsoftphone.sdp.MediaDescription;
import io.github.rcsoftphone.sdp.SessionDescription;
import io.github.rcsoftphone.sdp.Setup;
import java.util.ArrayList;
import java.util.List;

/**
 * Our SDP after the first offer/answer, as re-INVITEs change it (RFC 3264 8): the same transport parameters (ICE
 * credentials and candidates, fingerprint, a concrete DTLS role, the chosen {@code a=crypto} key) and codecs, only
 * the audio direction changing, and the {@code o=} version bumped by one whenever the SDP changes. Pure functions.
 */
final class HoldSdp {
    private HoldSdp() {
    }

    /**
     * Our SDP with the audio section's direction set to {@code direction}; the same object when it already is, else a
     * copy with the {@code o=} version one higher.
     */
    static SessionDescription withDirection(SessionDescription sdp, Direction direction) {
        MediaDescription audio = sdp.audio().orElseThrow(() -> new IllegalArgumentException("our SDP has no audio"));
        if (sdp.direction(audio) == direction && audio.declaredDirection().isPresent()) {
            return sdp;
        }
        List<Attribute> attrs = new ArrayList<>();
        boolean placed = false;
        for (Attribute a : audio.attributes()) {
            if (isDirection(a)) {
                if (!placed) {
                    attrs.add(Attribute.flag(direction.toString()));
                    placed = true;
                }
            } else {
                attrs.add(a);
            }
        }
        if (!placed) {
            attrs.add(Attribute.flag(direction.toString()));
        }
        List<Attribute> session = sdp.attributes().stream().filter(a -> !isDirection(a)).toList();
        return replaceAudio(sdp, audio, audio.withAttributes(attrs)).withAttributes(session)
                .withOrigin(sdp.origin().nextVersion());
    }

    /**
     * The SDP we keep after the first exchange of an outbound call: our offer with the DTLS role fixed to
     * {@code setup} (not actpass, so it can answer re-offers) and only the {@code a=crypto} lines whose tags the
     * answer chose (re-offers keep that key).
     */
    static SessionDescription settled(SessionDescription offer, Setup setup, SessionDescription answer) {
        MediaDescription audio = offer.audio().orElseThrow();
        List<Integer> chosenTags = answer.audio().map(a -> a.cryptos().stream().map(Crypto::tag).toList())
                .orElse(List.of());
        List<Attribute> attrs = new ArrayList<>();
        for (Attribute a : audio.attributes()) {
            if (setup != null && a.name().equalsIgnoreCase("setup")) {
                attrs.add(Attribute.of("setup", setup.toString()));
            } else if (a.name().equalsIgnoreCase("crypto") && !chosenTags.isEmpty()
                    && !chosenTags.contains(cryptoTag(a))) {
                continue;
            } else {
                attrs.add(a);
            }
        }
        return replaceAudio(offer, audio, audio.withAttributes(attrs));
    }

    /**
     * The direction the far end asked for in a (re-)offer: its audio direction, where a {@code c=0.0.0.0} (RFC 2543
     * hold) means it receives nothing.
     */
    static Direction offered(SessionDescription offer) {
        MediaDescription audio = offer.audio().orElseThrow(() -> new IllegalArgumentException("no audio"));
        Direction d = offer.direction(audio);
        Connection c = offer.connection(audio);
        if (c != null && (c.address().equals("0.0.0.0") || c.address().equals("::"))) {
            return d.sends() ? Direction.SENDONLY : Direction.INACTIVE;
        }
        return d;
    }

    /** The direction allowed by both {@code a} and {@code b}: sending when both send, receiving when both receive. */
    static Direction both(Direction a, Direction b) {
        boolean send = a.sends() && b.sends();
        boolean receive = a.receives() && b.receives();
        return send && receive ? Direction.SENDRECV : send ? Direction.SENDONLY
                : receive ? Direction.RECVONLY : Direction.INACTIVE;
    }

    /** Whether the far end holds us, from the direction it offered: it no longer receives (sendonly, inactive). */
    static boolean farEndHolds(Direction offered) {
        return !offered.receives();
    }

    private static boolean isDirection(Attribute a) {
        if (!a.isFlag()) {
            return false;
        }
        for (Direction d : Direction.values()) {
            if (d.toString().equalsIgnoreCase(a.name())) {
                return true;
            }
        }
        return false;
    }

    private static int cryptoTag(Attribute a) {
        String v = a.value().strip();
        int space = v.indexOf(' ');
        try {
            return Integer.parseInt(space < 0 ? v : v.substring(0, space));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static SessionDescription replaceAudio(SessionDescription sdp, MediaDescription old, MediaDescription now) {
        List<MediaDescription> media = new ArrayList<>(sdp.media());
        media.set(media.indexOf(old), now);
        return sdp.withMedia(media);
    }
}
