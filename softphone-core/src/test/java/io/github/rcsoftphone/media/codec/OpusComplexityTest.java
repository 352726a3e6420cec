package io.github.rcsoftphone.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.media.audio.ToneSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The Opus encoder complexity reaches both engines (as they report it) and every complexity still carries a tone. */
class OpusComplexityTest {

    static List<Arguments> engines() {
        List<Arguments> out = new ArrayList<>();
        List<OpusImplementation> impls = OpusImplementation.nativeAvailable()
                ? List.of(OpusImplementation.JAVA, OpusImplementation.NATIVE) : List.of(OpusImplementation.JAVA);
        for (OpusImplementation impl : impls) {
            for (int complexity : new int[] {0, 1, 5, 10}) {
                out.add(Arguments.of(impl, complexity));
            }
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("engines")
    void theEngineRunsAtTheComplexityAskedForAndATonePassesThrough(OpusImplementation impl, int complexity) {
        OpusAudioEncoder encoder = (OpusAudioEncoder) AudioCodecs.encoder("opus", 48000, 2, impl, complexity);
        AudioDecoder decoder = AudioCodecs.decoder("opus", 48000, 2, impl);
        try {
            assertThat(encoder.complexity()).isEqualTo(complexity);
            assertThat(encoder.toString()).contains("complexity " + complexity);
            ToneSource tone = new ToneSource(440, 48000, 0.3, null);
            short[] heard = new short[48000];
            for (int i = 0; i < 50; i++) {
                short[] pcm = decoder.decode(encoder.encode(tone.read(960)));
                System.arraycopy(pcm, 0, heard, i * 960, 960);
            }
            short[] settled = java.util.Arrays.copyOfRange(heard, 9600, heard.length);
            assertThat(AudioAnalysis.dominantFrequency(settled, 48000)).isBetween(430.0, 450.0);
            assertThat(AudioAnalysis.toneLevelDbfs(settled, 48000, 440)).isGreaterThan(-20.0);
        } catch (CodecException e) {
            throw new AssertionError(e);
        } finally {
            encoder.close();
            decoder.close();
        }
    }

    @Test
    void theDefaultIsFiveAndOutOfRangeComplexitiesAreRefused() {
        OpusAudioEncoder encoder = (OpusAudioEncoder) AudioCodecs.encoder("opus", 16000, 1, OpusImplementation.JAVA);
        assertThat(encoder.complexity()).isEqualTo(AudioCodecs.DEFAULT_OPUS_COMPLEXITY).isEqualTo(5);
        encoder.close();
        for (int bad : new int[] {-1, 11}) {
            assertThatThrownBy(() -> AudioCodecs.encoder("opus", 48000, 2, OpusImplementation.JAVA, bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..10, got " + bad);
        }
        // G.711 ignores the Opus settings but the value is still checked
        assertThat(AudioCodecs.encoder("PCMU", 8000, 1, OpusImplementation.JAVA, 0).frameSamples()).isEqualTo(160);
    }
}
