package io.github.rcsoftphone.media.audio;

import java.time.Duration;

/** A sine tone, phase-continuous across reads; endless or of a given length. */
public final class ToneSource implements AudioSource {

    private final double hz;
    private final int sampleRate;
    private final double amplitude;
    private final long total;
    private long position;
    private double phase;

    /**
     * A tone of {@code hz} at {@code sampleRate} with peak {@code amplitude0to1} of full scale.
     *
     * @param length how long the tone lasts, {@code null} for endless
     * @throws IllegalArgumentException for a non-positive rate, a frequency outside 0..rate/2, an amplitude
     *                                  outside 0..1 or a negative length
     */
    public ToneSource(double hz, int sampleRate, double amplitude0to1, Duration length) {
        Durations.checkRate(sampleRate);
        if (!(hz >= 0 && hz <= sampleRate / 2.0)) {
            throw new IllegalArgumentException("tone of " + hz + " Hz outside 0.." + sampleRate / 2 + " Hz");
        }
        if (!(amplitude0to1 >= 0 && amplitude0to1 <= 1)) {
            throw new IllegalArgumentException("amplitude " + amplitude0to1 + " outside 0..1");
        }
        this.hz = hz;
        this.sampleRate = sampleRate;
        this.amplitude = amplitude0to1 * Short.MAX_VALUE;
        this.total = Durations.samples(length, sampleRate);
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public short[] read(int samples) {
        int count = Durations.next(samples, total, position);
        if (count <= 0) {
            return null;
        }
        short[] out = new short[count];
        // a rotating phasor: two trigonometric calls per read instead of one per sample (a load generator plays
        // thousands of tones); re-anchored at the exact phase on every read, so rounding cannot accumulate
        double step = 2 * Math.PI * hz / sampleRate;
        double cosStep = Math.cos(step);
        double sinStep = Math.sin(step);
        double re = Math.cos(phase);
        double im = Math.sin(phase);
        for (int i = 0; i < count; i++) {
            out[i] = (short) Math.round(amplitude * im);
            double nextRe = re * cosStep - im * sinStep;
            im = re * sinStep + im * cosStep;
            re = nextRe;
        }
        phase = (phase + count * step) % (2 * Math.PI);
        position += count;
        return out;
    }

    @Override
    public String toString() {
        return "ToneSource " + hz + " Hz at " + sampleRate + " Hz";
    }
}
