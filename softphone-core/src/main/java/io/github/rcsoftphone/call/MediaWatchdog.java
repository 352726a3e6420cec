package io.github.rcsoftphone.call;

import java.time.Duration;

/**
 * Notices a far end that vanished without a BYE: no RTP or RTCP for {@code timeout} while the call is watched
 * (connected, both directions flowing: not on hold either way, not {@code inactive}). The media clock asks
 * {@link #expired(long)} every tick; packets arrive on another thread ({@link #heard(long)}). Fires once. Times are
 * {@link System#nanoTime()} values. A zero timeout switches it off.
 */
final class MediaWatchdog {
    private final long timeoutNanos;
    private volatile long lastHeard;
    private volatile boolean watching;
    private boolean fired;

    MediaWatchdog(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("media timeout must not be negative: " + timeout);
        }
        this.timeoutNanos = timeout.toNanos();
    }

    /** A packet (RTP or RTCP) from the far end arrived. */
    void heard(long now) {
        lastHeard = now;
    }

    /**
     * Starts or stops watching; starting counts as hearing from the far end (a call taken off hold gets the whole
     * timeout for its media to come back).
     */
    void watch(boolean on, long now) {
        if (on && !watching) {
            lastHeard = now;
        }
        watching = on;
    }

    /** True exactly once: the first time it is asked after {@code timeout} without a packet while watching. */
    synchronized boolean expired(long now) {
        if (fired || !watching || timeoutNanos == 0 || now - lastHeard < timeoutNanos) {
            return false;
        }
        fired = true;
        return true;
    }

    /** Nanoseconds since the last packet (or since watching started). */
    long silentNanos(long now) {
        return now - lastHeard;
    }
}
