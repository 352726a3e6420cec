package io.github.rcsoftphone.sip.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incremental {@link WebSocketCodec.Decoder} and the masked encoder. */
class WebSocketDecoderTest {
    /** What a decoder reported, as text for easy comparison. */
    private static final class Events implements WebSocketCodec.FrameSink {
        final List<String> seen = new ArrayList<>();

        @Override
        public void frame(WebSocketCodec.Frame f) {
            seen.add((f.fin() ? "fin " : "") + f.opcode() + (f.masked() ? " masked " : " ") + new String(f.payload(), UTF_8));
        }

        @Override
        public void oversized(int opcode, boolean fin, boolean masked, long length) {
            seen.add("oversized " + opcode + " " + fin + " " + length);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            all.writeBytes(p);
        }
        return all.toByteArray();
    }

    private static List<String> decode(byte[] bytes, int chunk, int max) throws TransportException {
        WebSocketCodec.Decoder decoder = new WebSocketCodec.Decoder(max);
        Events events = new Events();
        for (int i = 0; i < bytes.length; i += chunk) {
            decoder.feed(ByteBuffer.wrap(bytes, i, Math.min(chunk, bytes.length - i)), events);
        }
        assertThat(decoder.atFrameStart()).isTrue();
        return events.seen;
    }

    @Test
    void bytesFedOneByOneGiveTheSameFramesAsAllAtOnce() throws Exception {
        byte[] stream = concat(
                WebSocketCodec.encode(WebSocketCodec.TEXT, false, "INVITE ".getBytes(UTF_8)),
                WebSocketCodec.encode(WebSocketCodec.PING, true, "p".getBytes(UTF_8)),
                WebSocketCodec.encode(WebSocketCodec.CONTINUATION, true, "x".repeat(300).getBytes(UTF_8)),
                WebSocketCodec.encode(WebSocketCodec.BINARY, true, "y".repeat(70000).getBytes(UTF_8)),
                WebSocketCodec.encode(WebSocketCodec.TEXT, true, new byte[0]),
                WebSocketCodec.encodeMasked(WebSocketCodec.TEXT, true, "masked".getBytes(UTF_8), 0x12345678));
        List<String> whole = decode(stream, stream.length, 100_000);
        assertThat(whole).containsExactly("1 INVITE ", "fin 9 p", "fin 0 " + "x".repeat(300),
                "fin 2 " + "y".repeat(70000), "fin 1 ", "fin 1 masked masked");
        assertThat(decode(stream, 1, 100_000)).isEqualTo(whole);
        assertThat(decode(stream, 7, 100_000)).isEqualTo(whole);
    }

    @Test
    void maskedFramesCarryTheirMaskAndUnmask() throws Exception {
        byte[] payload = "REGISTER sip:a SIP/2.0".getBytes(UTF_8);
        byte[] frame = WebSocketCodec.encodeMasked(WebSocketCodec.TEXT, true, payload, 0xA1B2C3D4);
        assertThat(frame[1] & 0x80).isEqualTo(0x80);
        assertThat(Arrays.copyOfRange(frame, 2, 6)).containsExactly(0xA1, 0xB2, 0xC3, 0xD4);
        assertThat(Arrays.copyOfRange(frame, 6, frame.length)).isNotEqualTo(payload);
        WebSocketCodec.Frame read = WebSocketCodec.read(new ByteArrayInputStream(frame), 1000);
        assertThat(read.masked()).isTrue();
        assertThat(read.payload()).isEqualTo(payload);
        byte[] big = new byte[70_000];
        Arrays.fill(big, (byte) 7);
        byte[] bigFrame = WebSocketCodec.encodeMasked(WebSocketCodec.BINARY, true, big, 0x01020304);
        assertThat(bigFrame[1] & 0x7f).isEqualTo(127);
        assertThat(WebSocketCodec.read(new ByteArrayInputStream(bigFrame), 100_000).payload()).isEqualTo(big);
    }

    @Test
    void oversizedDataFramesAreSkippedAndDecodingGoesOn() throws Exception {
        byte[] stream = concat(
                WebSocketCodec.encode(WebSocketCodec.TEXT, false, new byte[600]),
                WebSocketCodec.encode(WebSocketCodec.PING, true, new byte[125]),
                WebSocketCodec.encode(WebSocketCodec.TEXT, true, "ok".getBytes(UTF_8)));
        List<String> events = decode(stream, 3, 512);
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).isEqualTo("oversized 1 false 600");
        assertThat(events.get(1)).startsWith("fin 9 ");
        assertThat(events.get(2)).isEqualTo("fin 1 ok");
    }

    @Test
    void lyingLengthsAndBadHeadersAreProtocolErrors() {
        byte[] negative = {(byte) 0x81, 127, (byte) 0x80, 0, 0, 0, 0, 0, 0, 1};
        byte[] longPing = {(byte) 0x89, 126, 0, (byte) 200};
        byte[] fragmentedClose = {(byte) 0x08, 0};
        byte[] reserved = {(byte) 0xC1, 0};
        for (byte[] bad : List.of(negative, longPing, fragmentedClose, reserved)) {
            TransportException e = catchThrowableOfType(() -> decode(bad, 1, 1000), TransportException.class);
            assertThat(e).as(Arrays.toString(bad)).isNotNull();
            assertThat(e.kind()).isEqualTo(TransportException.Kind.PROTOCOL);
        }
        assertThat(catchThrowableOfType(() -> decode(negative, 1, 1000), TransportException.class))
                .hasMessageContaining("negative length");
    }

    @Test
    void aHugeLengthIsSkippedNotAllocated() throws Exception {
        byte[] header = {(byte) 0x82, 127, 0, 0, 0, 1, 0, 0, 0, 0}; // 2^32 bytes announced
        WebSocketCodec.Decoder decoder = new WebSocketCodec.Decoder(65536);
        Events events = new Events();
        decoder.feed(ByteBuffer.wrap(header), events);
        decoder.feed(ByteBuffer.wrap(new byte[1000]), events);
        assertThat(events.seen).containsExactly("oversized 2 true 4294967296");
        assertThat(decoder.atFrameStart()).isFalse();
        assertThat(decoder.describePending()).isEqualTo("1000 of 4294967296 payload bytes");
        assertThat(catchThrowableOfType(() -> WebSocketCodec.read(new ByteArrayInputStream(header), 65536),
                TransportException.class).kind()).isEqualTo(TransportException.Kind.TOO_LARGE);
    }

    @Test
    void pendingStateIsDescribed() throws Exception {
        WebSocketCodec.Decoder decoder = new WebSocketCodec.Decoder(1000);
        Events events = new Events();
        byte[] frame = WebSocketCodec.encode(WebSocketCodec.TEXT, true, new byte[300]);
        decoder.feed(ByteBuffer.wrap(frame, 0, 1), events);
        assertThat(decoder.describePending()).isEqualTo("1 of 2 header bytes");
        decoder.feed(ByteBuffer.wrap(frame, 1, 2), events);
        assertThat(decoder.describePending()).isEqualTo("3 of 4 header bytes");
        decoder.feed(ByteBuffer.wrap(frame, 3, 11), events);
        assertThat(decoder.describePending()).isEqualTo("10 of 300 payload bytes");
        assertThat(decoder.needed()).isEqualTo(290);
        decoder.feed(ByteBuffer.wrap(frame, 14, frame.length - 14), events);
        assertThat(events.seen).hasSize(1);
        assertThat(decoder.atFrameStart()).isTrue();
    }

    @Test
    void blockingReadTakesNoByteOfTheNextFrame() throws Exception {
        byte[] stream = concat(WebSocketCodec.encode(WebSocketCodec.TEXT, true, "a".getBytes(UTF_8)),
                WebSocketCodec.encode(WebSocketCodec.BINARY, true, "b".getBytes(UTF_8)));
        ByteArrayInputStream in = new ByteArrayInputStream(stream);
        assertThat(WebSocketCodec.read(in, 100).opcode()).isEqualTo(WebSocketCodec.TEXT);
        assertThat(in.available()).isEqualTo(3);
        assertThat(WebSocketCodec.read(in, 100).payload()).isEqualTo("b".getBytes(UTF_8));
    }
}
