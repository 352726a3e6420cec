package io.github.rcsoftphone.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The SDP samples under {@code src/test/resources/sdp}. */
final class SdpSamples {

    /** The article's INVITE body (RingCentral WSS: RTP/SAVPF, ICE, DTLS sha-1, no mid). */
    static final String RC_WSS = "rc-wss-offer.sdp";
    /** A Chrome offer: UDP/TLS/RTP/SAVPF, BUNDLE, mid, session-level fingerprint, msid, extmap. */
    static final String CHROME = "chrome-offer.sdp";
    /** An rtpengine offer: ICE-lite, generation 0 candidate, end-of-candidates. */
    static final String RTPENGINE = "rtpengine-offer.sdp";
    /** A RingCentral TLS-edge style offer: RTP/SAVP with two a=crypto lines. */
    static final String SDES = "sdes-offer.sdp";

    static final List<String> ALL = List.of(RC_WSS, CHROME, RTPENGINE, SDES);

    private SdpSamples() {
    }

    static String text(String name) {
        try (InputStream in = SdpSamples.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing sample " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SessionDescription parse(String name) {
        try {
            return SessionDescription.parse(text(name));
        } catch (SdpParseException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
    }
}
