package io.github.rcsoftphone.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * For any text, {@link SessionDescription#parse} returns a description or throws {@link SdpParseException}, nothing
 * else; the typed views of a parsed description do not throw; and its written form reads back to an equal value
 * that writes the same text. A seeded stand-in for a fuzzer.
 */
class SdpRobustnessTest {

    private static final String INTERESTING = " \t\r\n:/=-0123456789aceimostv|^;\u0000\u00e9\u000b";

    @Test
    void everyTruncationOfEverySample() {
        for (String name : SdpSamples.ALL) {
            String text = SdpSamples.text(name);
            int step = name.equals(SdpSamples.RC_WSS) ? 1 : 5; // every cut of the article, a sample of the others
            for (int n = 0; n <= text.length(); n += step) {
                check(text.substring(0, n));
                check(text.substring(n));
            }
        }
    }

    @Test
    void randomMutationsOfTheSamples() {
        Random random = new Random(8866);
        for (int round = 0; round < 5_000; round++) {
            String text = SdpSamples.text(SdpSamples.ALL.get(random.nextInt(SdpSamples.ALL.size())));
            check(mutate(text, random));
        }
    }

    @Test
    void lineShuffles() {
        Random random = new Random(3264);
        for (int round = 0; round < 1_000; round++) {
            String[] lines = SdpSamples.text(SdpSamples.ALL.get(random.nextInt(SdpSamples.ALL.size())))
                    .split("\r\n");
            int a = 1 + random.nextInt(lines.length - 1);
            int b = 1 + random.nextInt(lines.length - 1);
            String t = lines[a];
            lines[a] = lines[b];
            lines[b] = t;
            check(String.join("\r\n", lines));
        }
    }

    private static String mutate(String text, Random random) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + random.nextInt(6);
        for (int e = 0; e < edits; e++) {
            int at = sb.length() == 0 ? 0 : random.nextInt(sb.length());
            switch (random.nextInt(4)) {
                case 0 -> {
                    if (sb.length() > 0) {
                        sb.setCharAt(at, (char) random.nextInt(0x80));
                    }
                }
                case 1 -> {
                    if (sb.length() > 0) {
                        sb.setCharAt(at, INTERESTING.charAt(random.nextInt(INTERESTING.length())));
                    }
                }
                case 2 -> sb.delete(at, Math.min(sb.length(), at + random.nextInt(20)));
                default -> sb.insert(at, INTERESTING.charAt(random.nextInt(INTERESTING.length())));
            }
        }
        return sb.toString();
    }

    private static void check(String text) {
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(text);
        } catch (SdpParseException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            assertThat(expected.line()).isPositive();
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("parse threw " + e + " for:\n" + text, e);
        }
        try {
            sdp.audio();
            for (MediaDescription m : sdp.media()) {
                m.rtpMaps();
                m.direction();
                m.rtcpMux();
                m.rtcpPort();
                m.mid();
                m.candidates();
                m.cryptos();
                for (RtpMap r : m.rtpMaps()) {
                    m.fmtp(r.payloadType());
                }
                sdp.ice(m);
                sdp.fingerprints(m);
                sdp.setup(m);
                sdp.connection(m);
                sdp.direction(m);
            }
            String written = sdp.toString();
            SessionDescription again = SessionDescription.parse(written);
            assertThat(again).as("re-read of the written form").isEqualTo(sdp);
            assertThat(again.toString()).isEqualTo(written);
        } catch (SdpParseException | RuntimeException e) {
            throw new AssertionError("views or write/re-read failed for:\n" + text, e);
        }
    }
}
