package io.github.rcsoftphone.media.secure;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the STUN message parser and the attribute readers the ICE agent calls on what it
 * receives. Property: they return a value or throw {@link StunParseException}.
 */
class StunMessageFuzzTest {
    private static final byte[] KEY = "fuzz-ice-password".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] data) {
        try {
            StunMessage m = StunMessage.parse(data, 0, data.length);
            m.type();
            m.transactionId();
            m.username();
            m.errorCode();
            m.longAttribute(StunMessage.PRIORITY);
            m.longAttribute(StunMessage.ICE_CONTROLLING);
            m.mappedAddress();
            m.checkIntegrity(KEY);
            m.checkFingerprint();
        } catch (StunParseException rejected) {
            // typed rejection is the contract
        }
    }
}
