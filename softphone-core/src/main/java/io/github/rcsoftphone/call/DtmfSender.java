package io.github.rcsoftphone.call;

import io.github.rcsoftphone.DtmfOptions;
import io.github.rcsoftphone.media.codec.TelephoneEvent;
import io.github.rcsoftphone.media.rtp.RtpPacket;
import io.github.rcsoftphone.media.rtp.RtpSender;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Sends key presses as RFC 4733 telephone-events in the audio stream, one packet per 20 ms tick of the media clock
 * (no thread of its own). While an event is on, the tick sends its packet instead of audio: same SSRC and sequence
 * space, the audio timestamp keeps running ({@link RtpSender#skip}); every packet of a key press carries the
 * timestamp of its start, the first one the marker bit, and the end packet goes out three times. A gap of audio
 * follows each key. Requests come from any thread; {@link #tick} runs on the media clock only.
 */
final class DtmfSender {
    private static final int TICK_MS = 20;

    /** Digits asked for by one {@code sendDtmf} call. */
    private record Job(String digits, DtmfOptions options, CompletableFuture<Void> done) {
    }

    private final int payloadType;
    private final int eventStep;
    private final int audioStep;
    private final Deque<Job> jobs = new ArrayDeque<>();
    // media clock only: the job and key being sent
    private Job current;
    private int digit;
    private List<TelephoneEvent> packets;
    private int packet;
    private long eventTimestamp;
    private int gapTicks;

    /**
     * @param payloadType the negotiated telephone-event payload type, or -1 when the far end offered none
     * @param eventClock  the telephone-event clock rate (8000 on RingCentral)
     * @param audioStep   the audio stream's timestamp units per 20 ms
     */
    DtmfSender(int payloadType, int eventClock, int audioStep) {
        this.payloadType = payloadType;
        this.eventStep = eventClock / (1000 / TICK_MS);
        this.audioStep = audioStep;
    }

    /** Queues {@code digits} (already checked); {@code done} completes after the last one's end packets. */
    void enqueue(String digits, DtmfOptions options, CompletableFuture<Void> done) {
        if (payloadType < 0) {
            done.completeExceptionally(new IllegalStateException(
                    "cannot send DTMF: the far end did not offer telephone-event (RFC 4733) in its SDP"));
            return;
        }
        synchronized (jobs) {
            jobs.add(new Job(digits, options, done));
        }
    }

    /**
     * One 20 ms slot of the stream: sends the next event packet through {@code out} and returns true, or returns
     * false when the slot is audio's (nothing queued, or the gap between keys).
     */
    boolean tick(RtpSender sender, Consumer<RtpPacket> out) {
        if (packets == null) {
            if (gapTicks > 0) {
                gapTicks--;
                return false;
            }
            if (!startNextKey(sender)) {
                return false;
            }
        }
        TelephoneEvent event = packets.get(packet);
        out.accept(sender.nextEvent(payloadType, event.encode(), eventTimestamp, packet == 0));
        sender.skip(audioStep);
        if (++packet == packets.size()) {
            packets = null;
            gapTicks = ticks(current.options().gap().toMillis());
            if (++digit == current.digits().length()) {
                current.done().complete(null);
                current = null;
            }
        }
        return true;
    }

    private boolean startNextKey(RtpSender sender) {
        if (current == null) {
            synchronized (jobs) {
                current = jobs.poll();
            }
            if (current == null) {
                return false;
            }
            digit = 0;
        }
        DtmfOptions o = current.options();
        int total = ticks(o.duration().toMillis()) * eventStep;
        packets = TelephoneEvent.keyPress(TelephoneEvent.eventFor(current.digits().charAt(digit)), o.volume(), total,
                eventStep);
        packet = 0;
        eventTimestamp = sender.nextTimestamp();
        return true;
    }

    /** Whole ticks covering {@code ms}. */
    private static int ticks(long ms) {
        return (int) ((ms + TICK_MS - 1) / TICK_MS);
    }

    /** The call's media ends: what was not sent fails. */
    void close() {
        IllegalStateException gone = new IllegalStateException("the call's media ended before the DTMF digits were sent");
        synchronized (jobs) {
            jobs.forEach(j -> j.done().completeExceptionally(gone));
            jobs.clear();
        }
        Job c = current;
        if (c != null) {
            c.done().completeExceptionally(gone);
        }
    }
}
