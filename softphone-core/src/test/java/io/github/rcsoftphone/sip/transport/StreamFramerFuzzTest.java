package io.github.rcsoftphone.sip.transport;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the TCP/TLS stream framer, fed in chunks of fuzzer-chosen sizes. Property: it returns
 * messages or throws {@link TransportException}, and never buffers more than the limit plus one chunk.
 */
class StreamFramerFuzzTest {
    private static final int LIMIT = 4096;

    @FuzzTest(maxDuration = "60s")
    void feed(FuzzedDataProvider input) {
        StreamFramer framer = new StreamFramer(LIMIT);
        while (input.remainingBytes() > 0) {
            byte[] chunk = input.consumeBytes(input.consumeInt(1, 600));
            try {
                for (byte[] message : framer.feed(chunk, 0, chunk.length)) {
                    if (message.length > LIMIT) {
                        throw new AssertionError("message of " + message.length + " bytes over the limit " + LIMIT);
                    }
                }
            } catch (TransportException rejected) {
                return;
            }
            if (framer.buffered() > LIMIT + chunk.length) {
                throw new AssertionError(framer.buffered() + " bytes buffered");
            }
        }
    }
}
