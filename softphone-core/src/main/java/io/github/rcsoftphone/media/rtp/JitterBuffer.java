package io.github.rcsoftphone.media.rtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The playout buffer of one received stream. {@link #put} accepts packets as they arrive; the caller's media clock
 * calls {@link #poll} once per frame (e.g. every 20 ms), and each poll is one frame time. Playout is by sequence
 * number, one packet per slot: a packet carrying several frames still takes one slot (the caller decodes the whole
 * packet), so such a stream simply drains faster and sees more {@link Slot.Empty} slots.
 *
 * <ul>
 *   <li>Start: playout begins once {@link #targetDepthFrames()} sequence numbers are buffered, or after that many
 *       polls since the first buffered packet, whichever comes first.</li>
 *   <li>Adaptive target: the target depth follows the observed delay variation (arrival time against RTP
 *       timestamp, relative to the fastest recent packet, see {@link AdaptiveTarget}) plus one slot, within
 *       {@code [minTargetFrames, maxTargetFrames]}; each late packet raises it by one slot; it shrinks slowly.</li>
 *   <li>Catch-up: when the smallest depth seen over the last {@value #CATCH_UP_WINDOW} polls exceeded the target by
 *       more than {@value #CATCH_UP_MARGIN} slots, that excess is dropped, one packet per poll (counted in
 *       {@link #catchUpDrops()}), so latency returns to the target after a burst. A late consumer catching up with
 *       back-to-back polls leaves the minimum untouched and so drops nothing.</li>
 *   <li>End: {@link #drain()} hands out everything still held, in order, ignoring the target; {@link #flush()}
 *       discards it.</li>
 *   <li>Order: packets are reordered by (wrap-aware) sequence number; a duplicate is dropped and counted; a packet
 *       whose sequence number was already passed by the playout point is dropped and counted as late.</li>
 *   <li>Loss: when the packet due is missing but later ones are buffered, the slot is {@link Slot.Lost} (the caller
 *       conceals).</li>
 *   <li>Underrun: when nothing is buffered the slot is {@link Slot.Empty} and the buffer refills to the target depth
 *       before playing again; this is also how a new talkspurt (marker bit, timestamp jump after silence) re-anchors
 *       playout. A talkspurt that continues the sequence numbers while packets are still buffered just plays on.</li>
 *   <li>Bound: when the buffered span exceeds {@code maxDepthFrames}, the oldest packets are dropped (counted) and
 *       playout skips forward, so memory and latency stay bounded.</li>
 *   <li>Restart: a packet from another SSRC, more than {@value #MAX_MISORDER} behind or more than
 *       {@value #MAX_DROPOUT} ahead is held as a candidate; if the next such packet continues it in sequence (RFC 3550
 *       probation), the buffer is flushed and starts over on the new stream; otherwise it is dropped.</li>
 * </ul>
 * Not thread-safe.
 */
public final class JitterBuffer {

    /** Largest backward step from the newest packet still treated as reordering. */
    public static final int MAX_MISORDER = 100;
    /** Largest forward step from the newest packet still treated as loss. */
    public static final int MAX_DROPOUT = 3000;
    /** Slots above the target tolerated before catching up. */
    public static final int CATCH_UP_MARGIN = 2;
    /** Polls over which the smallest depth decides whether to catch up (500 ms of 20 ms slots). */
    public static final int CATCH_UP_WINDOW = 25;
    /** The largest target depth the four-argument constructor allows: 300 ms of 20 ms slots. */
    public static final int DEFAULT_MAX_TARGET = 15;

    /** What to play in one frame slot. */
    public sealed interface Slot {
        /** Play this packet. */
        record Packet(RtpPacket packet) implements Slot {
        }

        /** The packet due was lost: conceal one packet's worth. */
        record Lost() implements Slot {
        }

        /** Nothing to play: not started yet, or underrun. */
        record Empty() implements Slot {
        }
    }

    private static final Slot LOST = new Slot.Lost();
    private static final Slot EMPTY = new Slot.Empty();

    private final int clockRate;
    private final int frameTimestampStep;
    private final int maxDepth;
    private final AdaptiveTarget target;
    private final SeqRing buffer;
    private final Consumer<RtpPacket> onEvicted = this::evicted;
    private final SeqWindow seen = new SeqWindow(256);

    private boolean haveStream;
    private long ssrc;
    private long highestExt;
    private boolean playing;
    private boolean havePlayPoint;
    private long playPoint;
    private int waitedPolls;
    private RtpPacket candidate;
    private int windowPolls;
    private int windowMinDepth = Integer.MAX_VALUE;
    private int catchUpBudget;

    private long late;
    private long duplicates;
    private long overflowDrops;
    private long concealed;
    private long underruns;
    private long resets;
    private long flushed;
    private long catchUpDrops;

    /**
     * A buffer whose target adapts from {@code targetDepthFrames} up to {@value #DEFAULT_MAX_TARGET} slots (or less,
     * to stay {@value #CATCH_UP_MARGIN} slots below {@code maxDepthFrames}).
     *
     * @param clockRate the RTP clock in Hz (e.g. 16000)
     * @param frameTimestampStep timestamp units per slot (e.g. 320 for 20 ms at 16000 Hz)
     * @param targetDepthFrames the smallest target: slots buffered before playout starts (e.g. 3)
     * @param maxDepthFrames most slots held (e.g. 50)
     */
    public JitterBuffer(int clockRate, int frameTimestampStep, int targetDepthFrames, int maxDepthFrames) {
        this(clockRate, frameTimestampStep, targetDepthFrames,
                Math.max(targetDepthFrames, Math.min(DEFAULT_MAX_TARGET, maxDepthFrames - CATCH_UP_MARGIN)),
                maxDepthFrames);
    }

    /**
     * @param clockRate the RTP clock in Hz (e.g. 16000)
     * @param frameTimestampStep timestamp units per slot (e.g. 320 for 20 ms at 16000 Hz)
     * @param minTargetFrames the smallest (and first) target depth (e.g. 3)
     * @param maxTargetFrames the largest target depth the delay variation may ask for (e.g. 15)
     * @param maxDepthFrames most slots held (e.g. 150); beyond it the oldest packets are dropped
     */
    public JitterBuffer(int clockRate, int frameTimestampStep, int minTargetFrames, int maxTargetFrames,
            int maxDepthFrames) {
        if (clockRate <= 0 || frameTimestampStep <= 0) {
            throw new IllegalArgumentException("clock rate and frame step must be positive: " + clockRate + ", "
                    + frameTimestampStep);
        }
        if (minTargetFrames < 1 || maxTargetFrames < minTargetFrames || maxDepthFrames < maxTargetFrames) {
            throw new IllegalArgumentException("need 1 <= min target <= max target <= max depth: " + minTargetFrames
                    + ", " + maxTargetFrames + ", " + maxDepthFrames);
        }
        this.clockRate = clockRate;
        this.frameTimestampStep = frameTimestampStep;
        this.maxDepth = maxDepthFrames;
        this.buffer = new SeqRing(maxDepthFrames + MAX_MISORDER + 1);
        long frameNanos = frameTimestampStep * 1_000_000_000L / clockRate;
        this.target = new AdaptiveTarget(clockRate, frameNanos, minTargetFrames, maxTargetFrames,
                maxDepthFrames * frameNanos);
    }

    /**
     * Accepts a packet that arrived at {@code arrivalNanos} (any monotonic clock, e.g. {@link System#nanoTime()});
     * the arrival times against the RTP timestamps drive the adaptive target.
     */
    public void put(RtpPacket p, long arrivalNanos) {
        Objects.requireNonNull(p, "packet");
        if (!haveStream) {
            anchor(p);
            target.onArrival(p.timestamp(), arrivalNanos);
            return;
        }
        if (p.ssrc() != ssrc) {
            considerRestart(p, arrivalNanos);
            return;
        }
        long ext = highestExt + (short) (p.sequenceNumber() - (int) (highestExt & 0xFFFF));
        long delta = ext - highestExt;
        if (delta > MAX_DROPOUT || delta < -MAX_MISORDER) {
            considerRestart(p, arrivalNanos);
            return;
        }
        if (seen.contains(ext) || buffer.containsKey(ext)) {
            duplicates++;
            return;
        }
        seen.add(ext);
        target.onArrival(p.timestamp(), arrivalNanos);
        if (havePlayPoint && ext < playPoint) {
            late++;
            target.onLate();
            return;
        }
        long dropsBefore = overflowDrops;
        buffer.put(ext, p, onEvicted);
        if (overflowDrops != dropsBefore && playing && playPoint < buffer.firstKey()) {
            playPoint = buffer.firstKey();   // what the bound below would have done stepping over evicted packets
        }
        highestExt = Math.max(highestExt, ext);
        enforceBound();
    }

    private void considerRestart(RtpPacket p, long arrivalNanos) {
        RtpPacket first = candidate;
        if (first != null && first.ssrc() == p.ssrc()
                && p.sequenceNumber() == ((first.sequenceNumber() + 1) & 0xFFFF)) {
            resets++;
            flushed += buffer.size();
            anchor(first);
            put(p, arrivalNanos);
        } else {
            candidate = p;
        }
    }

    private void anchor(RtpPacket p) {
        haveStream = true;
        ssrc = p.ssrc();
        highestExt = p.sequenceNumber();
        buffer.clear();
        seen.clear();
        playing = false;
        havePlayPoint = false;
        waitedPolls = 0;
        candidate = null;
        resetWindow();
        target.restart();
        buffer.put(highestExt, p, onEvicted);
        seen.add(highestExt);
    }

    /** A packet too old to share the ring with a new one far ahead: dropped as the bound below would. */
    private void evicted(RtpPacket p) {
        overflowDrops++;
    }

    private void enforceBound() {
        while (!buffer.isEmpty() && highestExt - spanStart() + 1 > maxDepth) {
            if (playing && !buffer.containsKey(playPoint)) {
                playPoint = buffer.firstKey();
                continue;
            }
            buffer.pollFirst();
            overflowDrops++;
            if (playing) {
                playPoint = buffer.firstKey();
            }
        }
    }

    private long spanStart() {
        return playing ? playPoint : buffer.firstKey();
    }

    /** The slot for the next frame time. */
    public Slot poll() {
        return poll(p -> { });
    }

    /**
     * The slot for the next frame time; packets the catch-up policy drops on the way go to {@code dropped}, in order
     * (e.g. for a recording that keeps every packet while live playout skips them).
     */
    public Slot poll(Consumer<RtpPacket> dropped) {
        if (!playing) {
            if (buffer.isEmpty()) {
                return EMPTY;
            }
            waitedPolls++;
            long first = buffer.firstKey();
            int t = target.frames();
            if (highestExt - first + 1 < t && waitedPolls < t) {
                return EMPTY;
            }
            playing = true;
            havePlayPoint = true;
            playPoint = first;
            resetWindow();
        }
        if (buffer.isEmpty()) {
            playing = false;
            waitedPolls = 0;
            underruns++;
            return EMPTY;
        }
        catchUp(dropped);
        return next();
    }

    /** Drops the excess the last window showed, one packet per poll, never below the target plus the margin. */
    private void catchUp(Consumer<RtpPacket> dropped) {
        int depth = depthFrames();
        int allowed = target.frames() + CATCH_UP_MARGIN;
        windowMinDepth = Math.min(windowMinDepth, depth);
        if (++windowPolls >= CATCH_UP_WINDOW) {
            catchUpBudget = Math.max(0, windowMinDepth - allowed);
            windowPolls = 0;
            windowMinDepth = Integer.MAX_VALUE;
        }
        if (catchUpBudget > 0 && depth > allowed) {
            catchUpBudget--;
            RtpPacket p = buffer.remove(playPoint);
            if (p != null) {
                catchUpDrops++;
                dropped.accept(p);
            }
            playPoint++;
        }
    }

    private void resetWindow() {
        windowPolls = 0;
        windowMinDepth = Integer.MAX_VALUE;
        catchUpBudget = 0;
    }

    /** The slot at the play point, which then advances (the buffer is not empty). */
    private Slot next() {
        RtpPacket p = buffer.remove(playPoint);
        playPoint++;
        if (p == null) {
            concealed++;
            return LOST;
        }
        return new Slot.Packet(p);
    }

    /**
     * Everything still held, in playout order and ignoring the target (gaps between packets as {@link Slot.Lost}):
     * what is left to play at the end of a call. The buffer is empty afterwards; later packets start over.
     */
    public List<Slot> drain() {
        List<Slot> out = new ArrayList<>(depthFrames());
        if (!buffer.isEmpty()) {
            if (!playing) {
                havePlayPoint = true;
                playPoint = buffer.firstKey();
            }
            while (!buffer.isEmpty()) {
                out.add(next());
            }
        }
        playing = false;
        waitedPolls = 0;
        return out;
    }

    /** Discards everything held (counted in {@link #flushed()}); returns how many packets that was. */
    public int flush() {
        int n = buffer.size();
        flushed += n;
        if (n > 0) {
            havePlayPoint = true;
            playPoint = highestExt + 1;
        }
        buffer.clear();
        playing = false;
        waitedPolls = 0;
        return n;
    }

    /** The current target depth in slots (adaptive, see the class comment). */
    public int targetDepthFrames() {
        return target.frames();
    }

    /** Slots until the newest buffered packet plays (0 when empty); counts gaps as slots. */
    public int depthFrames() {
        if (buffer.isEmpty()) {
            return 0;
        }
        return (int) (highestExt - spanStart() + 1);
    }

    /** Packets held now. */
    public int bufferedPackets() {
        return buffer.size();
    }

    /** The buffered span in milliseconds, from the frame step and clock rate. */
    public double depthMillis() {
        return depthFrames() * frameTimestampStep * 1000.0 / clockRate;
    }

    /** Packets dropped because playout had passed them. */
    public long late() {
        return late;
    }

    /** Packets dropped as duplicates. */
    public long duplicates() {
        return duplicates;
    }

    /** Packets dropped to keep the buffer within its maximum depth. */
    public long overflowDrops() {
        return overflowDrops;
    }

    /** {@link Slot.Lost} slots returned. */
    public long concealed() {
        return concealed;
    }

    /** Times playout ran dry and went back to buffering. */
    public long underruns() {
        return underruns;
    }

    /** Times the buffer started over on a new SSRC or a restarted sequence. */
    public long resets() {
        return resets;
    }

    /** Packets dropped by the catch-up policy to bring latency back to the target. */
    public long catchUpDrops() {
        return catchUpDrops;
    }

    /** Packets discarded by those restarts and by {@link #flush()}. */
    public long flushed() {
        return flushed;
    }

    @Override
    public String toString() {
        return "JitterBuffer[" + (playing ? "playing" : "buffering") + ", depth=" + depthFrames() + ", target="
                + target.frames() + ", late=" + late + ", catchUp=" + catchUpDrops
                + ", duplicates=" + duplicates + ", overflow=" + overflowDrops + ", concealed=" + concealed + "]";
    }
}
