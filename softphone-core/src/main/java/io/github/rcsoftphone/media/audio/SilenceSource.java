package io.github.rcsoftphone.media.audio;

import java.time.Duration;

/** Digital silence, endless or of a given length. */
public final class SilenceSource implements AudioSource {

    private final int sampleRate;
    private final long total;
    private long position;

    /**
     * Silence at {@code sampleRate}.
     *
     * @param length how long, {@code null} for endless
     */
    public SilenceSource(int sampleRate, Duration length) {
        Durations.checkRate(sampleRate);
        this.sampleRate = sampleRate;
        this.total = Durations.samples(length, sampleRate);
    }

    /** Endless silence. */
    public SilenceSource(int sampleRate) {
        this(sampleRate, null);
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
        position += count;
        return new short[count];
    }
}
