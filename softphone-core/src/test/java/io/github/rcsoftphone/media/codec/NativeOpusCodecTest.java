package io.github.rcsoftphone.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.rcsoftphone.media.audio.AudioAnalysis;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every {@link OpusCodecTest} on native libopus, plus interoperation with the pure-Java codec both ways and the
 * native life cycle. Skipped only where libopus is not installed (CI installs {@code libopus0}).
 */
class NativeOpusCodecTest extends OpusCodecTest {

    @BeforeEach
    void needsLibopus() {
        Assumptions.assumeTrue(OpusImplementation.nativeAvailable(),
                () -> "libopus cannot be loaded: " + LibOpus.Loaded.system().problem());
    }

    @Override
    OpusImplementation implementation() {
        return OpusImplementation.NATIVE;
    }

    @ParameterizedTest(name = "{0} encodes, {1} decodes, {2}/{3}")
    @CsvSource({"NATIVE,JAVA,48000,2", "JAVA,NATIVE,48000,2", "NATIVE,JAVA,16000,1", "JAVA,NATIVE,16000,1"})
    void aToneCrossesBetweenTheImplementations(OpusImplementation from, OpusImplementation to, int rate, int channels)
            throws Exception {
        try (AudioEncoder encoder = AudioCodecs.encoder("opus", rate, channels, from);
                AudioDecoder decoder = AudioCodecs.decoder("opus", rate, channels, to)) {
            assertThat(encoder.toString()).contains(from.name().toLowerCase(java.util.Locale.ROOT));
            assertThat(decoder.toString()).contains(to.name().toLowerCase(java.util.Locale.ROOT));
            // the same settings: about 32 kbit/s either way
            assertThat(toneSurvives(encoder, decoder, rate)).isBetween(20.0, 45.0);
        }
    }

    @Test
    void lostPacketsAreConcealedAndRecoveredFromTheNextOnesFec() throws Exception {
        List<byte[]> packets = encode(AudioCodecs.encoder("opus", 48000, 1, OpusImplementation.JAVA),
                Signals.sine(700, 48000, 0.3, 48000));
        try (AudioDecoder decoder = AudioCodecs.decoder("opus", 48000, 2, OpusImplementation.NATIVE)) {
            java.util.ArrayList<short[]> frames = new java.util.ArrayList<>();
            for (int i = 0; i < packets.size(); i++) {
                if (i % 7 == 3) {
                    frames.add(i % 2 == 0 ? decoder.conceal() : decoder.recover(packets.get(i + 1)));
                } else {
                    frames.add(decoder.decode(packets.get(i)));
                }
            }
            short[] out = Signals.slice(Signals.concat(frames), 9600, 48000);
            assertThat(out).hasSize(48000 - 9600);
            assertThat(AudioAnalysis.dominantFrequency(out, 48000)).isCloseTo(700, within(5.0));
            assertThat(AudioAnalysis.rmsDbfs(out)).isGreaterThan(AudioAnalysis.rmsDbfs(
                    Signals.sine(700, 48000, 0.3, 4800)) - 3);
        }
    }

    @Test
    void closeFreesOnceAndLaterUseFailsCleanly() throws Exception {
        AudioEncoder encoder = AudioCodecs.encoder("opus", 48000, 2, OpusImplementation.NATIVE);
        AudioDecoder decoder = AudioCodecs.decoder("opus", 48000, 2, OpusImplementation.NATIVE);
        byte[] packet = encoder.encode(new short[960]);
        assertThat(decoder.decode(packet)).hasSize(960);
        encoder.close();
        decoder.close();
        encoder.close();
        decoder.close();
        assertThatThrownBy(() -> encoder.encode(new short[960])).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> decoder.decode(packet)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(decoder.conceal()).hasSize(960).containsOnly((short) 0);
    }

    /**
     * Codec life cycles of two thousand calls: glibc's count of allocated bytes must not grow by their libopus states.
     * The process's other malloc users (JIT, GC) make noise, so the bound is a quarter of what a leak would add.
     */
    @Test
    void closedCodecsGiveTheirNativeMemoryBack() {
        Assumptions.assumeTrue(NativeHeap.available(), "glibc's mallinfo2 is not available here");
        // libopus's own figure: a difference of mallinfo2 counts is process-wide, so other threads' frees can make it
        // negative (it did once in CI)
        LibOpus opus = LibOpus.Loaded.system().require();
        long pairBytes = opus.opus_encoder_get_size(2) + (long) opus.opus_decoder_get_size(2);
        assertThat(pairBytes).as("bytes of one encoder + decoder").isGreaterThan(20_000);
        openAndClose(500);   // warm: the loop's JIT compilation allocates native memory too
        long before = NativeHeap.allocatedBytes();
        openAndClose(2000);
        long grown = NativeHeap.allocatedBytes() - before;
        assertThat(grown).as("native heap growth after 2000 pairs of %d bytes", pairBytes)
                .isLessThan(pairBytes * 2000 / 4);
        // JNA's cleaner thread: one per JVM once libopus is bound, none per codec
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("JNA")))
                .hasSizeLessThanOrEqualTo(1);
    }

    private static void openAndClose(int pairs) {
        for (int i = 0; i < pairs; i++) {
            try (AudioEncoder encoder = AudioCodecs.encoder("opus", 48000, 2, OpusImplementation.NATIVE);
                    AudioDecoder decoder = AudioCodecs.decoder("opus", 48000, 2, OpusImplementation.NATIVE)) {
                assertThat(encoder.frameSamples()).isEqualTo(960);
                assertThat(decoder.sampleRate()).isEqualTo(48000);
            }
        }
    }
}
