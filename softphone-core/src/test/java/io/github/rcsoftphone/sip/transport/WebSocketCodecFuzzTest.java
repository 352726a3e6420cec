package io.github.rcsoftphone.sip.transport;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;

/**
 * Coverage-guided fuzzing of the server-side WebSocket frame reader over a byte stream. Property: it returns
 * frames no larger than the limit, or throws {@link TransportException} / {@link EOFException} (stream ended).
 */
class WebSocketCodecFuzzTest {
    private static final int LIMIT = 4096;

    @FuzzTest(maxDuration = "60s")
    void read(byte[] data) throws Exception {
        InputStream in = new ByteArrayInputStream(data);
        while (true) {
            try {
                WebSocketCodec.Frame frame = WebSocketCodec.read(in, LIMIT);
                if (frame.payload().length > LIMIT) {
                    throw new AssertionError("payload of " + frame.payload().length + " bytes");
                }
                WebSocketCodec.encode(frame.opcode(), frame.fin(), frame.payload());
            } catch (TransportException | EOFException rejected) {
                return;
            }
        }
    }
}
