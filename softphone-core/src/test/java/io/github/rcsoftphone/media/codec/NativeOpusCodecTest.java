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
        short[] tone = Signals.sine(1000, rate, 0.3, rate * 3 / 2);
        try (AudioEncoder encoder = AudioCodecs.encoder("opus", rate, channels, from);
                AudioDecoder decoder = AudioCodecs.decoder("opus", rate, channels, to)) {
            assertThat(encoder.toString()).contains(from.name().toLowerCase(java.util.Locale.ROOT));
            assertThat(decoder.toString()).contains(to.name().toLowerCase(java.util.Locale.ROOT));
            List<byte[]> packets = encode(encoder, tone);
            short[] out = decode(decoder, packets);
            assertThat(out).hasSize(tone.length);
            short[] settled = Signals.slice(out, rate / 5, out.length);
            assertThat(AudioAnalysis.dominantFrequency(settled, rate)).isCloseTo(1000, within(5.0));
            assertThat(AudioAnalysis.rmsDbfs(settled))
                    .isCloseTo(AudioAnalysis.rmsDbfs(Signals.slice(tone, rate / 5, tone.length)), within(3.0));
            int bytes = packets.stream().mapToInt(p -> p.length).sum();
            // the same settings: about 32 kbit/s either way
            assertThat(bytes * 8 / 1.5 / 1000).isBetween(20.0, 45.0);
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
     * Codec life cycles of a thousand calls: glibc's count of allocated heap bytes must not grow by their libopus
     * states (~45 KB a pair at 48 kHz, so a leak would be ~45 MB).
     */
    @Test
    void closedCodecsGiveTheirNativeMemoryBack() {
        Assumptions.assumeTrue(NativeHeap.available(), "glibc's mallinfo2 is not available here");
        long before = NativeHeap.allocatedBytes();
        for (int i = 0; i < 1000; i++) {
            try (AudioEncoder encoder = AudioCodecs.encoder("opus", 48000, 2, OpusImplementation.NATIVE);
                    AudioDecoder decoder = AudioCodecs.decoder("opus", 48000, 2, OpusImplementation.NATIVE)) {
                assertThat(encoder.frameSamples()).isEqualTo(960);
                assertThat(decoder.sampleRate()).isEqualTo(48000);
            }
        }
        long grown = NativeHeap.allocatedBytes() - before;
        assertThat(grown).as("native heap growth after 1000 encoder+decoder pairs").isLessThan(5_000_000);
        AudioEncoder leaked = AudioCodecs.encoder("opus", 48000, 2, OpusImplementation.NATIVE);
        long open = NativeHeap.allocatedBytes();
        leaked.close();
        assertThat(open - NativeHeap.allocatedBytes()).as("bytes one encoder frees").isGreaterThan(10_000);
    }
}
