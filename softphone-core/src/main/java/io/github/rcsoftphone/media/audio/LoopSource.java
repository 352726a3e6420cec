package io.github.rcsoftphone.media.audio;

import java.time.Duration;

/**
 * A fixed buffer of samples played over and over, endless or for a given length: computed once, so each read is a
 * copy (a load generator playing to thousands of calls, hold music). {@link #of} records a loop from another source,
 * e.g. one second of a {@link ToneSource} whose frequency is a whole number of hertz loops without a seam.
 */
public final class LoopSource implements AudioSource {

    private final short[] loop;
    private final int sampleRate;
    private final long total;
    private long position;

    /**
     * Plays a copy of {@code loop} at {@code sampleRate}.
     *
     * @param length how long, {@code null} for endless
     * @throws IllegalArgumentException for an empty loop, a non-positive rate or a negative length
     */
    public LoopSource(short[] loop, int sampleRate, Duration length) {
        Durations.checkRate(sampleRate);
        if (loop.length == 0) {
            throw new IllegalArgumentException("a loop needs at least one sample");
        }
        this.loop = loop.clone();
        this.sampleRate = sampleRate;
        this.total = Durations.samples(length, sampleRate);
    }

    /**
     * An endless loop of the first {@code loopLength} of {@code source} (which is read, not closed).
     *
     * @throws IllegalArgumentException if the source ends before {@code loopLength}, or for a loop shorter than
     *     one sample
     */
    public static LoopSource of(AudioSource source, Duration loopLength) {
        long samples = Durations.samples(loopLength, source.sampleRate());
        if (samples < 1 || samples > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("loop length " + loopLength + " is not 1.." + Integer.MAX_VALUE
                    + " samples at " + source.sampleRate() + " Hz");
        }
        short[] loop = new short[(int) samples];
        int filled = 0;
        while (filled < loop.length) {
            short[] part = source.read(loop.length - filled);
            if (part == null || part.length == 0) {
                throw new IllegalArgumentException(source + " ended after " + filled + " of " + loop.length
                        + " samples of the loop");
            }
            System.arraycopy(part, 0, loop, filled, part.length);
            filled += part.length;
        }
        return new LoopSource(loop, source.sampleRate(), null);
    }

    /** Samples in one pass of the loop. */
    public int loopSamples() {
        return loop.length;
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
        int at = (int) (position % loop.length);
        int done = 0;
        while (done < count) {
            int n = Math.min(count - done, loop.length - at);
            System.arraycopy(loop, at, out, done, n);
            done += n;
            at = 0;
        }
        position += count;
        return out;
    }

    @Override
    public String toString() {
        return "LoopSource of " + loop.length + " samples at " + sampleRate + " Hz";
    }
}
