package io.github.rcsoftphone;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link Call#sendDtmf(String, DtmfOptions)} sends key presses as RFC 4733 telephone-events. Durations are
 * rounded up to the 20 ms media clock.
 *
 * @param duration how long each key is held, 40 ms to 1 s (default 100 ms)
 * @param gap      the pause between two keys, 0 to 5 s (default 70 ms)
 * @param volume   the tone's power level in -dBm0, 0 (loudest) to 63 (default 10)
 */
public record DtmfOptions(Duration duration, Duration gap, int volume) {
    private static final Duration MIN_DURATION = Duration.ofMillis(40);
    private static final Duration MAX_DURATION = Duration.ofSeconds(1);
    private static final Duration MAX_GAP = Duration.ofSeconds(5);

    /** Validates the ranges. */
    public DtmfOptions {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(gap, "gap");
        if (duration.compareTo(MIN_DURATION) < 0 || duration.compareTo(MAX_DURATION) > 0) {
            throw new IllegalArgumentException("DTMF duration must be 40 ms to 1 s: " + duration.toMillis() + " ms");
        }
        if (gap.isNegative() || gap.compareTo(MAX_GAP) > 0) {
            throw new IllegalArgumentException("DTMF gap must be 0 to 5 s: " + gap.toMillis() + " ms");
        }
        if (volume < 0 || volume > 63) {
            throw new IllegalArgumentException("DTMF volume must be 0..63 (-dBm0): " + volume);
        }
    }

    /** 100 ms per key, 70 ms between keys, volume 10. */
    public static DtmfOptions defaults() {
        return new DtmfOptions(Duration.ofMillis(100), Duration.ofMillis(70), 10);
    }

    public DtmfOptions withDuration(Duration value) {
        return new DtmfOptions(value, gap, volume);
    }

    public DtmfOptions withGap(Duration value) {
        return new DtmfOptions(duration, value, volume);
    }

    public DtmfOptions withVolume(int value) {
        return new DtmfOptions(duration, gap, value);
    }

    /**
     * Checks {@code digits} for {@link Call#sendDtmf}: 0-9, *, #, A-D, at least one.
     *
     * @throws IllegalArgumentException naming the first character that is not a DTMF key
     */
    public static String requireDigits(String digits) {
        Objects.requireNonNull(digits, "digits");
        if (digits.isEmpty()) {
            throw new IllegalArgumentException("no DTMF digits to send");
        }
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (!(c >= '0' && c <= '9' || c == '*' || c == '#' || c >= 'A' && c <= 'D')) {
                throw new IllegalArgumentException("'" + c + "' at index " + i + " of \"" + digits
                        + "\" is not a DTMF key (expected 0-9, *, #, A-D)");
            }
        }
        return digits;
    }
}
