package io.github.rcsoftphone.media.rtp;

import java.time.Instant;

/**
 * NTP timestamps as RTCP uses them (RFC 3550 4): 64-bit values with seconds since 1900-01-01 in the high 32 bits and
 * the fraction in the low 32, held in a {@code long} read as unsigned; and the "short" 32-bit middle form with
 * 16.16 fixed-point seconds used by LSR, DLSR and round-trip computation.
 */
public final class Ntp {

    /** Seconds from 1900-01-01 (NTP era 0) to 1970-01-01. */
    public static final long UNIX_EPOCH_IN_NTP_SECONDS = 2_208_988_800L;

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Ntp() {
    }

    /** The 64-bit NTP timestamp of an instant. */
    public static long toNtp(Instant instant) {
        return fromEpochNanos(Math.addExact(Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND),
                instant.getNano()));
    }

    /** The 64-bit NTP timestamp of a time in milliseconds since 1970. */
    public static long fromEpochMillis(long epochMillis) {
        return fromEpochNanos(Math.multiplyExact(epochMillis, 1_000_000L));
    }

    /** The 64-bit NTP timestamp of a time in nanoseconds since 1970. */
    public static long fromEpochNanos(long epochNanos) {
        long seconds = Math.floorDiv(epochNanos, NANOS_PER_SECOND) + UNIX_EPOCH_IN_NTP_SECONDS;
        long nanos = Math.floorMod(epochNanos, NANOS_PER_SECOND);
        return seconds << 32 | (nanos << 32) / NANOS_PER_SECOND;
    }

    /** Nanoseconds since 1970 of a 64-bit NTP timestamp in era 0 (before 2036), rounded down. */
    public static long toEpochNanos(long ntp) {
        long seconds = (ntp >>> 32) - UNIX_EPOCH_IN_NTP_SECONDS;
        long fraction = ntp & Bytes.U32_MASK;
        return seconds * NANOS_PER_SECOND + (fraction * NANOS_PER_SECOND >>> 32);
    }

    /** The middle 32 bits of a 64-bit NTP timestamp (16.16 seconds), as used in LSR. */
    public static long middle32(long ntp) {
        return ntp >>> 16 & Bytes.U32_MASK;
    }

    /** A duration in the 16.16 short format (units of 1/65536 s), rounded, capped to 32 bits; negative gives 0. */
    public static long nanosToShort(long nanos) {
        if (nanos <= 0) {
            return 0;
        }
        double units = Math.rint(nanos * 65536.0 / NANOS_PER_SECOND);
        return units >= Bytes.U32_MASK ? Bytes.U32_MASK : (long) units;
    }

    /** Milliseconds of a 16.16 short-format duration. */
    public static double shortToMillis(long ntpShort) {
        return (ntpShort & Bytes.U32_MASK) * 1000.0 / 65536.0;
    }
}
