package io.github.rcsoftphone.rc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the P-rc XML parser (the header value and the SIP MESSAGE body). Property: it returns
 * a message or throws {@link RcParseException}.
 */
class RcMessageFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] data) {
        try {
            RcMessage.parse(new String(data, StandardCharsets.UTF_8));
        } catch (RcParseException rejected) {
            // typed rejection is the contract
        }
    }
}
