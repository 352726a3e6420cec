package io.github.rcsoftphone.sip.transport;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Coverage-guided fuzzing of the WebSocket frame decoding. {@code read}: the blocking reader over a byte stream
 * returns frames no larger than the limit, or throws {@link TransportException} / {@link EOFException}.
 * {@code decode}: the incremental decoder, fed the bytes in pieces of a fuzzed size, reports exactly what it reports
 * when fed them at once (frames, skipped oversized frames, the error that stops it), never a frame over the limit,
 * and throws nothing but {@link TransportException}.
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

    @FuzzTest(maxDuration = "60s")
    void decode(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int piece = 1 + (data[0] & 0x1f);
        byte[] stream = Arrays.copyOfRange(data, 1, data.length);
        List<String> whole = events(stream, Math.max(1, stream.length));
        List<String> pieces = events(stream, piece);
        if (!whole.equals(pieces)) {
            throw new AssertionError("fed whole: " + whole + ", in pieces of " + piece + ": " + pieces);
        }
    }

    private static List<String> events(byte[] stream, int piece) {
        List<String> seen = new ArrayList<>();
        WebSocketCodec.FrameSink sink = new WebSocketCodec.FrameSink() {
            @Override
            public void frame(WebSocketCodec.Frame frame) {
                if (frame.payload().length > LIMIT) {
                    throw new AssertionError("payload of " + frame.payload().length + " bytes");
                }
                seen.add(frame.fin() + " " + frame.opcode() + " " + frame.masked() + " "
                        + Arrays.hashCode(frame.payload()) + "/" + frame.payload().length);
            }

            @Override
            public void oversized(int opcode, boolean fin, boolean masked, long length) {
                if (length <= LIMIT) {
                    throw new AssertionError("oversized " + length);
                }
                seen.add("oversized " + opcode + " " + fin + " " + length);
            }
        };
        WebSocketCodec.Decoder decoder = new WebSocketCodec.Decoder(LIMIT);
        try {
            for (int i = 0; i < stream.length; i += piece) {
                decoder.feed(ByteBuffer.wrap(stream, i, Math.min(piece, stream.length - i)), sink);
            }
            seen.add(decoder.atFrameStart() ? "end" : "pending " + decoder.describePending());
        } catch (TransportException e) {
            seen.add("error " + e.getMessage());
        }
        return seen;
    }
}
