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

    static void checkRequest(int samples) {
        if (samples <= 0) {
            throw new IllegalArgumentException("read of " + samples + " samples; must be positive");
        }
    }
}
