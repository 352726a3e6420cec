package io.github.rcsoftphone.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ToneSource, SilenceSource and the accuracy of AudioAnalysis. */
class SourcesAndAnalysisTest {

    @Test
    void toneSourceHasItsLengthAndEndsWithNull() {
        ToneSource tone = new ToneSource(440, 8000, 0.5, Duration.ofMillis(50));
        assertThat(tone.sampleRate()).isEqualTo(8000);
        assertThat(tone.read(160)).hasSize(160);
        assertThat(tone.read(160)).hasSize(160);
        assertThat(tone.read(160)).hasSize(80);
        assertThat(tone.read(160)).isNull();
        assertThatThrownBy(() -> tone.read(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toneSourceIsPhaseContinuousAcrossReads() {
        ToneSource chunked = new ToneSource(440.5, 16000, 0.8, null);
        short[] whole = new ToneSource(440.5, 16000, 0.8, null).read(16000);
        short[] parts = new short[16000];
        for (int at = 0; at < parts.length; at += 320) {
            System.arraycopy(chunked.read(320), 0, parts, at, 320);
        }
        assertThat(parts).isEqualTo(whole);
        assertThat(AudioAnalysis.dominantFrequency(whole, 16000)).isCloseTo(440.5, within(0.5));
        assertThat(AudioAnalysis.rmsDbfs(whole)).isCloseTo(20 * Math.log10(0.8 / Math.sqrt(2)), within(0.1));
        assertThatThrownBy(() -> new ToneSource(5000, 8000, 0.5, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ToneSource(500, 8000, 1.5, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void silenceSourceIsSilentAndEnds() {
        SilenceSource silence = new SilenceSource(48000, Duration.ofMillis(30));
        assertThat(silence.read(960)).hasSize(960).containsOnly((short) 0);
        assertThat(silence.read(960)).hasSize(480);
        assertThat(silence.read(960)).isNull();
        assertThat(new SilenceSource(8000).read(100_000)).hasSize(100_000);
        assertThat(AudioAnalysis.rmsDbfs(new short[100])).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(AudioAnalysis.dominantFrequency(new short[8000], 8000)).isZero();
    }

    @ParameterizedTest(name = "{0} Hz at {1} Hz for {2} s")
    @CsvSource({"440,8000,1", "1000,8000,1", "3333.3,8000,1", "97.5,8000,2", "440,16000,1", "7001,16000,1",
        "1000,48000,1", "6000,48000,1.5", "18000,48000,1", "2500.7,48000,3"})
    void dominantFrequencyIsAccurateTo2Hz(double hz, int rate, double seconds) {
        Random random = new Random(1);
        int n = (int) (rate * seconds);
        short[] pcm = new short[n];
        double phase = random.nextDouble() * 2 * Math.PI;
        for (int i = 0; i < n; i++) {
            double noise = random.nextGaussian() * 300;
            pcm[i] = (short) Math.round(8000 * Math.sin(2 * Math.PI * hz * i / rate + phase) + noise);
        }
        double measured = AudioAnalysis.dominantFrequency(pcm, rate);
        assertThat(measured).isCloseTo(hz, within(0.5));
    }

    @Test
    void picksTheStrongerOfTwoTones() {
        int rate = 16000;
        short[] pcm = new short[rate];
        for (int i = 0; i < rate; i++) {
            pcm[i] = (short) (3000 * Math.sin(2 * Math.PI * 700 * i / rate) + 9000 * Math.sin(2 * Math.PI * 1200 * i
                    / rate));
        }
        assertThat(AudioAnalysis.dominantFrequency(pcm, rate)).isCloseTo(1200, within(0.5));
    }

    @Test
    void rmsOfAFullScaleSineIsMinus3Dbfs() {
        short[] pcm = new ToneSource(1000, 48000, 1.0, Duration.ofSeconds(1)).read(48000);
        assertThat(AudioAnalysis.rmsDbfs(pcm)).isCloseTo(-3.01, within(0.02));
        short[] square = new short[1000];
        java.util.Arrays.fill(square, Short.MIN_VALUE);
        assertThat(AudioAnalysis.rmsDbfs(square)).isCloseTo(0, within(0.001));
    }

    @Test
    void toneLevelMeasuresOneComponentAndIgnoresOthers() {
        ToneSource a = new ToneSource(440, 8000, 0.5, null);
        ToneSource b = new ToneSource(740, 8000, 0.05, null);
        short[] pa = a.read(16000);
        short[] pb = b.read(16000);
        short[] mix = new short[16000];
        for (int i = 0; i < mix.length; i++) {
            mix[i] = (short) (pa[i] + pb[i]);
        }
        double expectedA = AudioAnalysis.rmsDbfs(pa);
        assertThat(AudioAnalysis.toneLevelDbfs(mix, 8000, 440)).isCloseTo(expectedA, within(0.5));
        assertThat(AudioAnalysis.toneLevelDbfs(mix, 8000, 740)).isCloseTo(expectedA - 20, within(0.7));
        assertThat(AudioAnalysis.toneLevelDbfs(pa, 8000, 590)).isLessThan(expectedA - 60);
        assertThat(AudioAnalysis.toneLevelDbfs(new short[2], 8000, 440)).isEqualTo(Double.NEGATIVE_INFINITY);
    }
}
