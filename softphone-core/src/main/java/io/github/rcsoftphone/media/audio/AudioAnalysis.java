package io.github.rcsoftphone.media.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Measurements on 16-bit mono PCM, used by tests and by the product's demo check: the dominant frequency and the
 * RMS level; plus whole-file WAV reading.
 */
public final class AudioAnalysis {

    /** Analysis uses at most this many samples (the first ones): 2^20, about 22 s at 48 kHz. */
    public static final int MAX_ANALYSED = 1 << 20;

    private AudioAnalysis() {
    }

    /**
     * The frequency in Hz of the strongest spectral peak (above the first bin): Hann window, zero-padded radix-2
     * FFT, parabolic interpolation of the log magnitudes. Accurate to well under 2 Hz for one second or more of a
     * tone. Returns 0 for fewer than 4 samples or silence.
     */
    public static double dominantFrequency(short[] pcm, int sampleRate) {
        int n = Math.min(pcm.length, MAX_ANALYSED);
        if (n < 4) {
            return 0;
        }
        int size = Integer.highestOneBit(n) == n ? n : Integer.highestOneBit(n) << 1;
        size = Math.max(size, 4096);
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += pcm[i];
        }
        mean /= n;
        double[] re = new double[size];
        double[] im = new double[size];
        for (int i = 0; i < n; i++) {
            double window = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
            re[i] = (pcm[i] - mean) * window;
        }
        Fft.transform(re, im);
        int half = size / 2;
        double[] power = new double[half + 1];
        for (int k = 0; k <= half; k++) {
            power[k] = re[k] * re[k] + im[k] * im[k];
        }
        int peak = 1;
        for (int k = 2; k < half; k++) {
            if (power[k] > power[peak]) {
                peak = k;
            }
        }
        if (power[peak] == 0) {
            return 0;
        }
        double a = Math.log(power[peak - 1] + 1e-30);
        double b = Math.log(power[peak]);
        double c = Math.log(power[peak + 1] + 1e-30);
        double denominator = a - 2 * b + c;
        double offset = denominator == 0 ? 0 : 0.5 * (a - c) / denominator;
        return (peak + offset) * sampleRate / size;
    }

    /**
     * The level in dBFS (as {@link #rmsDbfs}) of the component at {@code hz} alone: a Goertzel filter over a Hann
     * window, so a tone a few tens of Hz away contributes nothing measurable over a second of audio. Tells whether a
     * recording holds a second tone besides its dominant one. {@link Double#NEGATIVE_INFINITY} for no samples.
     */
    public static double toneLevelDbfs(short[] pcm, int sampleRate, double hz) {
        int n = Math.min(pcm.length, MAX_ANALYSED);
        if (n < 4) {
            return Double.NEGATIVE_INFINITY;
        }
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / sampleRate);
        double s1 = 0;
        double s2 = 0;
        double windowSum = 0;
        for (int i = 0; i < n; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
            windowSum += w;
            double s0 = pcm[i] * w + coefficient * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double magnitude = Math.sqrt(Math.max(0, s1 * s1 + s2 * s2 - coefficient * s1 * s2));
        double amplitude = 2 * magnitude / windowSum;
        return amplitude == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(amplitude / Math.sqrt(2) / 32768.0);
    }

    /**
     * The RMS level in dBFS relative to a full-scale square wave (a full-scale sine is about -3 dBFS);
     * {@link Double#NEGATIVE_INFINITY} for silence or no samples.
     */
    public static double rmsDbfs(short[] pcm) {
        if (pcm.length == 0) {
            return Double.NEGATIVE_INFINITY;
        }
        double sum = 0;
        for (short s : pcm) {
            sum += (double) s * s;
        }
        double rms = Math.sqrt(sum / pcm.length);
        return rms == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(rms / 32768.0);
    }

    /**
     * A whole WAV file as 16-bit mono PCM (see {@link WavSource} for the formats).
     *
     * @throws IOException if the file cannot be read or its format is not supported
     */
    public static short[] readWav(Path wav) throws IOException {
        try (WavSource source = WavSource.open(wav)) {
            short[] all = new short[0];
            int length = 0;
            short[] block;
            while ((block = source.read(65536)) != null) {
                if (length + block.length > all.length) {
                    all = Arrays.copyOf(all, Math.max(all.length * 2, length + block.length));
                }
                System.arraycopy(block, 0, all, length, block.length);
                length += block.length;
            }
            return Arrays.copyOf(all, length);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * The sample rate of a WAV file.
     *
     * @throws IOException if the file cannot be read or its format is not supported
     */
    public static int wavSampleRate(Path wav) throws IOException {
        try (WavSource source = WavSource.open(wav)) {
            return source.sampleRate();
        }
    }
}
