package io.github.rcsoftphone.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** G.711 against the JDK's µ-law/A-law converters for every input, and the PCMU/PCMA codecs. */
class G711Test {

    private static final AudioFormat PCM = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000, 16, 1, 2, 8000,
            false);

    private static AudioFormat law(boolean ulaw) {
        return new AudioFormat(ulaw ? AudioFormat.Encoding.ULAW : AudioFormat.Encoding.ALAW, 8000, 8, 1, 1, 8000,
                false);
    }

    private static byte[] jdkConvert(byte[] bytes, AudioFormat from, AudioFormat to) throws IOException {
        AudioInputStream source = new AudioInputStream(new ByteArrayInputStream(bytes), from,
                bytes.length / from.getFrameSize());
        try (AudioInputStream converted = AudioSystem.getAudioInputStream(to, source)) {
            return converted.readAllBytes();
        }
    }

    /**
     * The JDK oracle for every 16-bit input, with its two overflow faults left out: its µ-law encoder wraps
     * magnitudes above 32635 around (-32768 becomes a near-zero code; we clip), and its A-law encoder turns -1..-7
     * into code 0x5a (-248; we give 0x55, -8).
     */
    @ParameterizedTest(name = "ulaw={0}")
    @ValueSource(booleans = {true, false})
    void encodesEvery16BitSampleLikeTheJdkExceptItsOverflows(boolean ulaw) throws IOException {
        ByteBuffer pcm = ByteBuffer.allocate(65536 * 2).order(ByteOrder.LITTLE_ENDIAN);
        short[] all = allSamples();
        for (short sample : all) {
            pcm.putShort(sample);
        }
        byte[] expected = jdkConvert(pcm.array(), PCM, law(ulaw));
        assertThat(expected).hasSize(65536);
        byte[] actual = AudioCodecs.encoder(ulaw ? "PCMU" : "PCMA", 8000, 1).encode(all);
        int differences = 0;
        for (int i = 0; i < 65536; i++) {
            int sample = all[i];
            if (ulaw && (sample < -32635 || sample > 32635)) {
                assertThat(actual[i]).as("clip %d", sample).isEqualTo((byte) (sample < 0 ? 0x00 : 0x80));
            } else if (!ulaw && sample >= -7 && sample <= -1) {
                assertThat(actual[i]).as("A-law %d", sample).isEqualTo((byte) 0x55);
            } else {
                assertThat(actual[i]).as("sample %d (JDK %02x)", sample, expected[i]).isEqualTo(expected[i]);
                continue;
            }
            if (actual[i] != expected[i]) {
                differences++;
            }
        }
        System.out.printf("G.711 %s: %d of 65536 codes differ from the JDK (its overflow faults)%n",
                ulaw ? "u-law" : "A-law", differences);
        assertThat(differences).isEqualTo(ulaw ? 265 : 7);
    }

    /** SHA-256 of the decoding tables that CPython 3.11's audioop (Sun's g711.c) produces. */
    @Test
    void decodesLikeTheSunReferenceImplementation() throws Exception {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        assertThat(sha256(littleEndian(AudioCodecs.decoder("PCMU", 8000, 1).decode(codes))))
                .isEqualTo("3dab54339e520bb2c924826e3b72a917a2b612e9fd12fc867500f1d983a75827");
        assertThat(sha256(littleEndian(AudioCodecs.decoder("PCMA", 8000, 1).decode(codes))))
                .isEqualTo("e04788d110e58ff8c70c93b8480190d973e3b67876b6119abbaec766cc75c174");
    }

    private static short[] allSamples() {
        short[] all = new short[65536];
        for (int i = 0; i < 65536; i++) {
            all[i] = (short) (i - 32768);
        }
        return all;
    }

    private static byte[] littleEndian(short[] pcm) {
        ByteBuffer buf = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        buf.asShortBuffer().put(pcm);
        return buf.array();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @ParameterizedTest(name = "ulaw={0}")
    @ValueSource(booleans = {true, false})
    void decodesEveryCodeLikeTheJdk(boolean ulaw) throws Exception {
        byte[] codes = new byte[256];
        for (int i = 0; i < 256; i++) {
            codes[i] = (byte) i;
        }
        ByteBuffer expected = ByteBuffer.wrap(jdkConvert(codes, law(ulaw), PCM)).order(ByteOrder.LITTLE_ENDIAN);
        short[] actual = AudioCodecs.decoder(ulaw ? "pcmu" : "pcma", 8000, 0).decode(codes);
        assertThat(actual).hasSize(256);
        for (int i = 0; i < 256; i++) {
            assertThat(actual[i]).as("code %02x", i).isEqualTo(expected.getShort(i * 2));
            assertThat(ulaw ? G711.ulawToLinear(codes[i]) : G711.alawToLinear(codes[i])).isEqualTo(actual[i]);
        }
    }

    @Test
    void roundTripIsWithinTheQuantisationStep() throws Exception {
        short[] tone = Signals.sine(1000, 8000, 0.5, 160);
        for (String name : new String[] {"PCMU", "PCMA"}) {
            short[] back = AudioCodecs.decoder(name, 8000, 1).decode(AudioCodecs.encoder(name, 8000, 1).encode(tone));
            for (int i = 0; i < tone.length; i++) {
                assertThat(Math.abs(back[i] - tone[i])).as(name).isLessThanOrEqualTo(Math.abs(tone[i]) / 16 + 16);
            }
        }
    }

    @Test
    void concealmentRepeatsTheLastFrameFadingToSilence() throws Exception {
        AudioDecoder decoder = AudioCodecs.decoder("PCMU", 8000, 1);
        assertThat(decoder.conceal()).hasSize(160).containsOnly((short) 0);
        short[] tone = Signals.sine(500, 8000, 0.5, 160);
        decoder.decode(AudioCodecs.encoder("PCMU", 8000, 1).encode(tone));
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 3; i++) {
            short[] frame = decoder.conceal();
            assertThat(frame).hasSize(160);
            double level = rms(frame);
            assertThat(level).isGreaterThan(0).isLessThan(previous);
            previous = level;
        }
        assertThat(decoder.conceal()).hasSize(160).containsOnly((short) 0);
        assertThat(decoder.recover(new byte[160])).hasSize(160);
    }

    @Test
    void rejectsAnEmptyPayload() {
        assertThatThrownBy(() -> AudioCodecs.decoder("PCMA", 8000, 1).decode(new byte[0]))
                .isInstanceOf(CodecException.class).hasMessageContaining("PCMA");
    }

    private static double rms(short[] pcm) {
        double sum = 0;
        for (short s : pcm) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / pcm.length);
    }
}
