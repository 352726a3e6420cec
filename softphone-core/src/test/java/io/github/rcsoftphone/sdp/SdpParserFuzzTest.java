package io.github.rcsoftphone.sdp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Coverage-guided fuzzing of the SDP parser (bytes decoded as UTF-8, as a SIP body is) and of the attribute
 * grammars read from an offer (rtpmap, candidate, crypto, fingerprint, setup, direction). Property: each returns a
 * value (the description re-serializes) or throws {@link SdpParseException}.
 */
class SdpParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] data) {
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(new String(data, StandardCharsets.UTF_8));
        } catch (SdpParseException rejected) {
            return;
        }
        sdp.toString();
        List<Attribute> attributes = new ArrayList<>(sdp.attributes());
        sdp.media().forEach(m -> attributes.addAll(m.attributes()));
        for (Attribute a : attributes) {
            // as MediaDescription.attributes(name) hands them out: names ignoring case, "" for a flag
            String value = a.isFlag() ? "" : a.value();
            try {
                switch (a.name().toLowerCase(Locale.ROOT)) {
                    case "rtpmap" -> RtpMap.parse(value);
                    case "candidate" -> Candidate.parse(value);
                    case "crypto" -> Crypto.parse(value);
                    case "fingerprint" -> Fingerprint.parse(value);
                    case "setup" -> Setup.parse(value);
                    case "sendrecv", "sendonly", "recvonly", "inactive" -> Direction.parse(a.name());
                    default -> { }
                }
            } catch (SdpParseException rejected) {
                // typed rejection is the contract
            }
        }
    }
}
