package io.github.rcsoftphone.media.rtp;

import java.util.Objects;
import java.util.TreeMap;

/**
 * The playout buffer of one received stream. {@link #put} accepts packets as they arrive; the caller's media clock
 * calls {@link #poll} once per frame (e.g. every 20 ms), and each poll is one frame time. Playout is by sequence
 * number, one packet per slot: a packet carrying several frames still takes one slot (the caller decodes the whole
 * packet), so such a stream simply drains faster and sees more {@link Slot.Empty} slots.
 *
 * <ul>
 *   <li>Start: playout begins once {@code targetDepthFrames} sequence numbers are buffered, or after
 *       {@code targetDepthFrames} polls since the first buffered packet, whichever comes first.</li>
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
    private final int targetDepth;
    private final int maxDepth;
    private final TreeMap<Long, RtpPacket> buffer = new TreeMap<>();
    private final SeqWindow seen = new SeqWindow(256);

    private boolean haveStream;
    private long ssrc;
    private long highestExt;
    private boolean playing;
    private boolean havePlayPoint;
    private long playPoint;
    private int waitedPolls;
    private RtpPacket candidate;

    private long late;
    private long duplicates;
    private long overflowDrops;
    private long concealed;
    private long underruns;
    private long resets;
    private long flushed;

    /**
     * @param clockRate the RTP clock in Hz (e.g. 16000)
     * @param frameTimestampStep timestamp units per slot (e.g. 320 for 20 ms at 16000 Hz)
     * @param targetDepthFrames slots buffered before playout starts (e.g. 3)
     * @param maxDepthFrames most slots held (e.g. 50)
     */
    public JitterBuffer(int clockRate, int frameTimestampStep, int targetDepthFrames, int maxDepthFrames) {
        if (clockRate <= 0 || frameTimestampStep <= 0) {
            throw new IllegalArgumentException("clock rate and frame step must be positive: " + clockRate + ", "
                    + frameTimestampStep);
        }
        if (targetDepthFrames < 1 || maxDepthFrames < targetDepthFrames) {
            throw new IllegalArgumentException("need 1 <= target depth <= max depth: " + targetDepthFrames + ", "
                    + maxDepthFrames);
        }
        this.clockRate = clockRate;
        this.frameTimestampStep = frameTimestampStep;
        this.targetDepth = targetDepthFrames;
        this.maxDepth = maxDepthFrames;
    }

    /** Accepts a packet that arrived at {@code arrivalNanos} (kept for a future adaptive depth; unused now). */
    public void put(RtpPacket p, long arrivalNanos) {
        Objects.requireNonNull(p, "packet");
        if (!haveStream) {
            anchor(p);
            return;
        }
        if (p.ssrc() != ssrc) {
            considerRestart(p);
            return;
        }
        long ext = highestExt + (short) (p.sequenceNumber() - (int) (highestExt & 0xFFFF));
        long delta = ext - highestExt;
        if (delta > MAX_DROPOUT || delta < -MAX_MISORDER) {
            considerRestart(p);
            return;
        }
        if (seen.contains(ext) || buffer.containsKey(ext)) {
            duplicates++;
            return;
        }
        seen.add(ext);
        if (havePlayPoint && ext < playPoint) {
            late++;
            return;
        }
        buffer.put(ext, p);
        highestExt = Math.max(highestExt, ext);
        enforceBound();
    }

    private void considerRestart(RtpPacket p) {
        RtpPacket first = candidate;
        if (first != null && first.ssrc() == p.ssrc()
                && p.sequenceNumber() == ((first.sequenceNumber() + 1) & 0xFFFF)) {
            resets++;
            flushed += buffer.size();
            anchor(first);
            put(p, 0);
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
        buffer.put(highestExt, p);
        seen.add(highestExt);
    }

    private void enforceBound() {
        while (!buffer.isEmpty() && highestExt - spanStart() + 1 > maxDepth) {
            if (playing && !buffer.containsKey(playPoint)) {
                playPoint = buffer.firstKey();
                continue;
            }
            buffer.pollFirstEntry();
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
        if (!playing) {
            if (buffer.isEmpty()) {
                return EMPTY;
            }
            waitedPolls++;
            long first = buffer.firstKey();
            if (highestExt - first + 1 < targetDepth && waitedPolls < targetDepth) {
                return EMPTY;
            }
            playing = true;
            havePlayPoint = true;
            playPoint = first;
        }
        if (buffer.isEmpty()) {
            playing = false;
            waitedPolls = 0;
            underruns++;
            return EMPTY;
        }
        RtpPacket p = buffer.remove(playPoint);
        playPoint++;
        if (p == null) {
            concealed++;
            return LOST;
        }
        return new Slot.Packet(p);
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

    /** Packets discarded by those restarts. */
    public long flushed() {
        return flushed;
    }

    @Override
    public String toString() {
        return "JitterBuffer[" + (playing ? "playing" : "buffering") + ", depth=" + depthFrames() + ", late=" + late
                + ", duplicates=" + duplicates + ", overflow=" + overflowDrops + ", concealed=" + concealed + "]";
    }
}
