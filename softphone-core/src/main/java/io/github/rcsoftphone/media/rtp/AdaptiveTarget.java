package io.github.rcsoftphone.media.rtp;

/**
 * The target depth of a {@link JitterBuffer}, from the delay variation of the stream. Each packet's relative delay
 * is its arrival time minus its RTP timestamp (in nanoseconds); the floor is the smallest recent relative delay (it
 * creeps up slowly, so a clock drift or a route change does not count as jitter forever); the spread is how far a
 * packet arrived behind the floor. A peak-hold of the spread, decaying slowly, decides the target:
 * {@code ceil(peak / frame) + 1} slots (the one slot covers the phase between arrival and the playout tick), within
 * {@code [min, max]}. A late packet raises the peak by one slot. A spread larger than the whole buffer is a timeline
 * jump (a new talkspurt, a restarted sender), not jitter: the floor starts over there. Not thread-safe.
 */
final class AdaptiveTarget {
    /** Per packet, the peak keeps this share: it halves in about 700 packets (14 s of 20 ms packets). */
    private static final double PEAK_DECAY = 0.999;
    /** Per packet, the floor may rise by this share of a frame (1 ms per second at 20 ms packets). */
    private static final long FLOOR_CREEP_DIVISOR = 1000;

    private final int clockRate;
    private final long frameNanos;
    private final int min;
    private final int max;
    private final long discontinuityNanos;

    private boolean haveReference;
    private long referenceArrival;
    private long referenceTimestamp;
    private long floor;
    private double peak;
    private int frames;

    AdaptiveTarget(int clockRate, long frameNanos, int min, int max, long discontinuityNanos) {
        this.clockRate = clockRate;
        this.frameNanos = frameNanos;
        this.min = min;
        this.max = max;
        this.discontinuityNanos = discontinuityNanos;
        this.frames = min;
    }

    /** The target in slots. */
    int frames() {
        return frames;
    }

    /** A new stream: the delay reference starts over; the target keeps what it learned. */
    void restart() {
        haveReference = false;
    }

    /** A packet of the stream with RTP timestamp {@code timestamp} arrived at {@code arrivalNanos}. */
    void onArrival(long timestamp, long arrivalNanos) {
        if (!haveReference) {
            haveReference = true;
            referenceArrival = arrivalNanos;
            referenceTimestamp = timestamp;
            floor = 0;
            return;
        }
        int units = (int) (timestamp - referenceTimestamp);   // signed: wraps with the 32-bit timestamp
        long relative = (arrivalNanos - referenceArrival) - units * 1_000_000_000L / clockRate;
        floor += frameNanos / FLOOR_CREEP_DIVISOR;
        long spread = relative - floor;
        if (spread < 0 || spread > discontinuityNanos) {
            floor = relative;
            spread = 0;
        }
        peak = Math.max(spread, peak * PEAK_DECAY);
        update();
    }

    /** A packet came after its slot had played: the target was too small by at least one slot. */
    void onLate() {
        peak = Math.max(peak, (double) frames * frameNanos);
        update();
    }

    private void update() {
        int wanted = (int) Math.ceil(peak / frameNanos) + 1;
        frames = Math.max(min, Math.min(max, wanted));
    }
}
