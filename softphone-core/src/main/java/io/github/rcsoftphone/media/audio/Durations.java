package io.github.rcsoftphone.media.audio;

import java.time.Duration;

/** Converts a source length to samples. */
final class Durations {

    private Durations() {
    }

    /** Samples in {@code length} at {@code sampleRate} (rounded), or -1 for null (endless). */
    static long samples(Duration length, int sampleRate) {
        if (length == null) {
            return -1;
        }
        if (length.isNegative()) {
            throw new IllegalArgumentException("negative length " + length);
        }
        return Math.round(length.toNanos() / 1e9 * sampleRate);
    }

    static void checkRate(int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
    }

    /**
     * How many of the {@code samples} asked for a source of {@code total} samples (-1: endless) at {@code position}
     * returns; 0 or less once it has ended.
     *
     * @throws IllegalArgumentException if {@code samples} is not positive
     */
    static int next(int samples, long total, long position) {
        checkRequest(samples);
        return total < 0 ? samples : (int) Math.min(samples, total - position);
    }

    static void checkRequest(int samples) {
        if (samples <= 0) {
            throw new IllegalArgumentException("read of " + samples + " samples; must be positive");
        }
    }
}
