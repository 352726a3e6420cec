package io.github.rcsoftphone.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * For any input bytes: {@link SipFraming#messageLength} gives a length or a {@link SipParseException};
 * {@link SipParser#parse} returns a message or throws {@link SipParseException}, nothing else; the lazy accessors
 * throw nothing but {@link IllegalStateException}; and a parsed message is written and read back to the same bytes.
 * A seeded stand-in until the fuzzer arrives.
 */
class ParserRobustnessTest {

    private static final byte[] INTERESTING = " \t\r\n:;,<>\"\\/@[]?=%0123456789-SIPsip\u00ff\u0000".getBytes(
            java.nio.charset.StandardCharsets.ISO_8859_1);

    @Test
    void everyTruncationOfEverySample() {
        for (String name : Samples.ALL) {
            byte[] wire = Samples.bytes(name);
            for (int n = 0; n <= wire.length; n++) {
                check(Arrays.copyOf(wire, n));
                check(Arrays.copyOfRange(wire, n, wire.length));
            }
        }
    }

    @Test
    void randomMutationsOfTheSamples() {
        Random random = new Random(4475);
        for (int round = 0; round < 20_000; round++) {
            byte[] wire = Samples.bytes(Samples.ALL.get(random.nextInt(Samples.ALL.size())));
            check(mutate(wire, random));
        }
    }

    @Test
    void randomBytes() {
        Random random = new Random(3261);
        for (int round = 0; round < 5_000; round++) {
            byte[] data = new byte[random.nextInt(200)];
            for (int i = 0; i < data.length; i++) {
                data[i] = random.nextInt(3) == 0 ? (byte) random.nextInt(256)
                        : INTERESTING[random.nextInt(INTERESTING.length)];
            }
            check(data);
        }
    }

    private static byte[] mutate(byte[] wire, Random random) {
        byte[] out = wire.clone();
        int edits = 1 + random.nextInt(8);
        for (int e = 0; e < edits; e++) {
            int at = out.length == 0 ? 0 : random.nextInt(out.length);
            switch (random.nextInt(4)) {
                case 0 -> out[at] = (byte) random.nextInt(256);
                case 1 -> out[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 2 -> {
                    int len = Math.min(out.length - at, random.nextInt(20));
                    byte[] shorter = new byte[out.length - len];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + len, shorter, at, out.length - at - len);
                    out = shorter;
                }
                default -> {
                    byte[] longer = Arrays.copyOf(out, out.length + 1);
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    longer[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                    out = longer;
                }
            }
        }
        return out;
    }

    private static void check(byte[] data) {
        try {
            assertThat(SipFraming.messageLength(data, 0, data.length)).isBetween(-1, data.length);
        } catch (SipParseException expected) {
            assertThat(expected.offset()).isBetween(0, data.length);
        } catch (RuntimeException e) {
            throw new AssertionError("framing threw " + e + " for input " + printable(data), e);
        }
        SipMessage message;
        try {
            message = SipParser.parse(data);
        } catch (SipParseException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            assertThat(expected.offset()).isBetween(0, data.length);
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("parse threw " + e + " for input " + printable(data), e);
        }
        KnownHeadersTest.checkAgainstScan(message.headers());
        for (Runnable accessor : new Runnable[] {message::callId, message::cseq, message::vias, message::from,
            message::to}) {
            try {
                accessor.run();
            } catch (IllegalStateException allowed) {
                assertThat(allowed.getMessage()).isNotBlank();
            } catch (RuntimeException e) {
                throw new AssertionError("accessor threw " + e + " for input " + printable(data), e);
            }
        }
        try {
            byte[] written = message.toBytes();
            SipMessage again = SipParser.parse(written);
            assertThat(again.toBytes()).as("rewritten form is stable").isEqualTo(written);
        } catch (SipParseException | RuntimeException e) {
            throw new AssertionError("write/re-read failed for input " + printable(data), e);
        }
    }

    private static String printable(byte[] data) {
        StringBuilder sb = new StringBuilder();
        for (byte b : data) {
            sb.append(b >= 0x20 && b < 0x7f ? String.valueOf((char) b) : String.format("\\x%02x", b & 0xff));
        }
        return sb.toString();
    }
}
