package io.github.rcsoftphone.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.rcsoftphone.media.audio.AudioAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Frequency response and streaming behaviour of the polyphase resampler. */
class ResamplerTest {

    /** Runs {@code in} through {@code resampler} in 20 ms frames, checking every output frame is exactly 20 ms. */
    private static short[] run(Resampler resampler, short[] in, int fromRate, int toRate) {
        List<short[]> out = new ArrayList<>();
        for (int at = 0; at + fromRate / 50 <= in.length; at += fromRate / 50) {
            short[] frame = resampler.process(Signals.slice(in, at, at + fromRate / 50));
            assertThat(frame).hasSize(toRate / 50);
            out.add(frame);
        }
        return Signals.concat(out);
    }

    private static short[] settled(short[] pcm, int rate) {
        return Signals.slice(pcm, rate / 10, pcm.length);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"48000,8000", "8000,48000", "48000,16000", "16000,48000", "16000,8000", "8000,16000",
        "16000,16000"})
    void passesA1kHzToneWithin1Db(int from, int to) {
        short[] tone = Signals.sine(1000, from, 0.5, from);
        short[] out = settled(run(new Resampler(from, to), tone, from, to), to);
        assertThat(AudioAnalysis.rmsDbfs(out)).isCloseTo(AudioAnalysis.rmsDbfs(settled(tone, from)), within(1.0));
        assertThat(AudioAnalysis.dominantFrequency(out, to)).isCloseTo(1000, within(2.0));
    }

    @Test
    void removesA6kHzToneInsteadOfFoldingItTo2kHz() {
        short[] tone = Signals.sine(6000, 48000, 0.9, 48000);
        short[] out = settled(run(new Resampler(48000, 8000), tone, 48000, 8000), 8000);
        double attenuation = AudioAnalysis.rmsDbfs(settled(tone, 48000)) - AudioAnalysis.rmsDbfs(out);
        System.out.printf("Resampler 48k->8k: 6 kHz tone attenuated by %.1f dB%n", attenuation);
        assertThat(attenuation).isGreaterThanOrEqualTo(50);
    }

    @ParameterizedTest(name = "{0} Hz at {1} -> {2}")
    @CsvSource({"4500,16000,8000", "5000,48000,8000", "9000,48000,16000", "4400,48000,8000"})
    void stopBandIsAtLeast60DbDown(double hz, int from, int to) {
        short[] tone = Signals.sine(hz, from, 0.9, from);
        short[] out = settled(run(new Resampler(from, to), tone, from, to), to);
        double attenuation = AudioAnalysis.rmsDbfs(settled(tone, from)) - AudioAnalysis.rmsDbfs(out);
        assertThat(attenuation).as("%s Hz", hz).isGreaterThanOrEqualTo(60);
    }

    @ParameterizedTest(name = "{0} Hz tone at {1} -> {2}, image at {3} Hz")
    @CsvSource({"3000,8000,48000,5000", "3000,8000,16000,5000", "7000,16000,48000,9000"})
    void upsamplingSuppressesImages(double hz, int from, int to, double image) {
        short[] out = settled(run(new Resampler(from, to), Signals.sine(hz, from, 0.5, from), from, to), to);
        assertThat(Signals.levelAtDb(out, to, image)).isLessThan(Signals.levelAtDb(out, to, hz) - 60);
    }

    @Test
    void passBandReachesPoint45OfTheLowerRate() {
        short[] tone = Signals.sine(3600, 48000, 0.5, 48000);
        short[] out = settled(run(new Resampler(48000, 8000), tone, 48000, 8000), 8000);
        assertThat(AudioAnalysis.rmsDbfs(out)).isCloseTo(AudioAnalysis.rmsDbfs(settled(tone, 48000)), within(1.0));
    }

    @ParameterizedTest(name = "{0} Hz")
    @CsvSource({"440", "700", "1000"})
    void tonesKeepTheirFrequencyThroughEveryRate(double hz) {
        int[] chain = {8000, 16000, 48000, 16000, 8000, 48000, 8000};
        short[] signal = Signals.sine(hz, chain[0], 0.5, chain[0] * 2);
        for (int i = 1; i < chain.length; i++) {
            signal = run(new Resampler(chain[i - 1], chain[i]), signal, chain[i - 1], chain[i]);
            assertThat(AudioAnalysis.dominantFrequency(settled(signal, chain[i]), chain[i]))
                    .as("%s Hz after %d -> %d", hz, chain[i - 1], chain[i]).isCloseTo(hz, within(2.0));
        }
    }

    @Test
    void oddBlockSizesGiveTheSameOutputAsOneBlock() {
        Random random = new Random(7);
        short[] noise = new short[48000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) (random.nextGaussian() * 4000);
        }
        for (int[] rates : new int[][] {{48000, 8000}, {8000, 48000}, {16000, 48000}, {48000, 16000}}) {
            short[] whole = new Resampler(rates[0], rates[1]).process(noise);
            Resampler streaming = new Resampler(rates[0], rates[1]);
            List<short[]> parts = new ArrayList<>();
            for (int at = 0; at < noise.length;) {
                int length = Math.min(noise.length - at, random.nextInt(50));
                parts.add(streaming.process(Signals.slice(noise, at, at + length)));
                at += length;
            }
            assertThat(Signals.concat(parts)).as("%d -> %d", rates[0], rates[1]).isEqualTo(whole);
            assertThat(whole).hasSize((int) ((long) noise.length * rates[1] / rates[0]));
        }
    }

    /** A full-scale step overshoots (Gibbs ringing): the overshoot must clip at 32767, not wrap negative. */
    @Test
    void fullScaleOvershootClipsInsteadOfWrapping() {
        short[] step = new short[4800];
        java.util.Arrays.fill(step, Short.MAX_VALUE);
        for (int[] rates : new int[][] {{48000, 16000}, {8000, 48000}, {16000, 8000}}) {
            short[] out = new Resampler(rates[0], rates[1]).process(step);
            int min = Short.MAX_VALUE;
            for (short s : out) {
                min = Math.min(min, s);
            }
            assertThat(min).as("%d -> %d", rates[0], rates[1]).isGreaterThan(-8000);
            assertThat(out).contains(Short.MAX_VALUE);
            assertThat(out[out.length - 1]).isGreaterThan((short) 32700);
        }
    }

    @Test
    void identityCopiesAndOtherRatesAreRejected() {
        short[] in = {1, 2, 3};
        short[] out = new Resampler(8000, 8000).process(in);
        assertThat(out).containsExactly(1, 2, 3).isNotSameAs(in);
        assertThatThrownBy(() -> new Resampler(44100, 8000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("44100");
        assertThatThrownBy(() -> new Resampler(8000, 32000)).isInstanceOf(IllegalArgumentException.class);
    }
}
