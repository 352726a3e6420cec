package io.github.rcsoftphone.interop.kamailio;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The rtpengine offer/answer flags that make a Kamailio + rtpengine edge rewrite SDP like RingCentral's: the offer's
 * shape follows the callee's transport, the answer's the caller's (see docs/interop.md).
 */
final class MediaFlags {

    private static final List<String> SUITES = List.of("AEAD_AES_256_GCM", "AEAD_AES_128_GCM",
            "AES_256_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_32", "AES_192_CM_HMAC_SHA1_80", "AES_192_CM_HMAC_SHA1_32",
            "AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "F8_128_HMAC_SHA1_80", "F8_128_HMAC_SHA1_32",
            "NULL_HMAC_SHA1_80", "NULL_HMAC_SHA1_32");

    /** Every flag set starts like this: RingCentral's edge is the media end point of both legs. */
    static final String COMMON = "replace-origin replace-session-connection";
    /** A WebRTC callee (WS/WSS): RingCentral's WSS shape; the codecs follow. */
    static final String OFFER_WS = COMMON + " ICE=force DTLS=passive RTP/SAVPF rtcp-mux-offer rtcp-mux-require"
            + " generate-mid SDES-off";
    /** A TLS callee: SDES with one suite, no ICE, no DTLS. */
    static final String OFFER_TLS = COMMON + " ICE=remove DTLS=off RTP/SAVP rtcp-mux-demux " + sdesOnly("AES_CM_128_HMAC_SHA1_80");
    /** A UDP/TCP callee (e.g. sipp): plain RTP. */
    static final String OFFER_RTP = COMMON + " ICE=remove DTLS=off RTP/AVP rtcp-mux-demux";
    /** The answer to a WebRTC caller. */
    static final String ANSWER_WS = COMMON + " ICE=force RTP/SAVPF rtcp-mux-require";
    /** The answer to a TLS caller. */
    static final String ANSWER_TLS = COMMON + " ICE=remove RTP/SAVP";
    /** The answer to a UDP/TCP caller. */
    static final String ANSWER_RTP = COMMON + " ICE=remove DTLS=off RTP/AVP rtcp-mux-demux";

    private MediaFlags() {
    }

    /** Adds the OFFER_* and ANSWER_* template values. */
    static void put(Map<String, String> values, KamailioOptions.CalleeCodecs codecs) {
        values.put("OFFER_WS", OFFER_WS + " " + codecs.flags());
        values.put("OFFER_TLS", OFFER_TLS);
        values.put("OFFER_RTP", OFFER_RTP);
        values.put("ANSWER_WS", ANSWER_WS);
        values.put("ANSWER_TLS", ANSWER_TLS);
        values.put("ANSWER_RTP", ANSWER_RTP);
    }

    private static String sdesOnly(String suite) {
        return SUITES.stream().filter(s -> !s.equals(suite)).map(s -> "SDES-no-" + s).collect(Collectors.joining(" "));
    }
}
