package io.github.rcsoftphone.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.media.rtp.JitterBuffer.Slot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The jitter buffer's own policy (adaptive target, catch-up, drain) under synthetic arrival patterns: a 20 ms sender
 * (packet i sent at i * 20 ms) and a 20 ms playout clock, replayed in time order.
 */
class JitterBufferPolicyTest {
    private static final long MS = 1_000_000L;
    private static final long FRAME = 20 * MS;
    private static final long SSRC = 0x5EEDL;
    private static final int MIN_TARGET = 3;

    /** What a run showed. */
    private record Run(JitterBuffer jb, List<Slot> slots, List<Integer> played, List<Integer> dropped, int start, int emptiesAfterStart,
            int lostSlots, int maxDepth, long maxLatencyMs, long lastSecondMaxLatencyMs, int maxTarget) {
        @Override
        public String toString() {
            return String.format("start %d, empties %d, lost %d, late %d, catch-up drops %d, overflow %d, max depth %d,"
                    + " max latency %d ms (last second %d ms), target %d (max %d)", start, emptiesAfterStart, lostSlots,
                    jb.late(), jb.catchUpDrops(), jb.overflowDrops(), maxDepth, maxLatencyMs, lastSecondMaxLatencyMs,
                    jb.targetDepthFrames(), maxTarget);
        }
    }

    private static RtpPacket packet(int i) {
        return new RtpPacket(false, 109, i & 0xFFFF, 320L * i & 0xFFFFFFFFL, SSRC, List.of(), new byte[] {(byte) i});
    }

    /**
     * Sends {@code packets} packets arriving at {@code arrival(i)} (null-free: a negative time drops the packet) and
     * polls at {@code pollTime(k)} for {@code polls} slots.
     */
    private static Run run(int packets, IntToLongFunction arrival, int polls, IntToLongFunction pollTime) {
        JitterBuffer jb = new JitterBuffer(16000, 320, MIN_TARGET, 15, 150);
        List<long[]> arrivals = new ArrayList<>();
        for (int i = 0; i < packets; i++) {
            long at = arrival.applyAsLong(i);
            if (at >= 0) {
                arrivals.add(new long[] {at, i});
            }
        }
        arrivals.sort(Comparator.comparingLong(a -> a[0]));
        List<Slot> slots = new ArrayList<>();
        List<Integer> played = new ArrayList<>();
        List<Integer> dropped = new ArrayList<>();
        int next = 0;
        int start = -1;
        int empties = 0;
        int lost = 0;
        int maxDepth = 0;
        int maxTarget = 0;
        long maxLatency = 0;
        long lastSecondMax = 0;
        for (int k = 0; k < polls; k++) {
            long now = pollTime.applyAsLong(k);
            while (next < arrivals.size() && arrivals.get(next)[0] <= now) {
                jb.put(packet((int) arrivals.get(next)[1]), arrivals.get(next)[0]);
                next++;
            }
            maxDepth = Math.max(maxDepth, jb.depthFrames());
            Slot s = jb.poll(p -> dropped.add(p.sequenceNumber()));
            slots.add(s);
            maxTarget = Math.max(maxTarget, jb.targetDepthFrames());
            if (s instanceof Slot.Packet p) {
                start = start < 0 ? k : start;
                int i = p.packet().payload()[0] & 0xFF | (p.packet().sequenceNumber() & ~0xFF);
                played.add(i);
                long latency = (now - i * FRAME) / MS;
                maxLatency = Math.max(maxLatency, latency);
                if (k >= polls - 50) {
                    lastSecondMax = Math.max(lastSecondMax, latency);
                }
            } else if (s instanceof Slot.Lost) {
                lost++;
            } else if (start >= 0 && next < arrivals.size()) {
                empties++;
            }
        }
        return new Run(jb, slots, played, dropped, start, empties, lost, maxDepth, maxLatency, lastSecondMax, maxTarget);
    }

    /** The playout clock: every 20 ms, 7 ms after the sender's tick. */
    private static long tick(int k) {
        return k * FRAME + 7 * MS;
    }

    @Test
    void steadyArrivalsPlayEveryPacketAtTheSmallestTarget() {
        Run r = run(3000, i -> i * FRAME + 30 * MS, 3010, JitterBufferPolicyTest::tick);
        System.out.println("steady: " + r);
        assertThat(r.emptiesAfterStart()).isZero();
        assertThat(r.lostSlots()).isZero();
        assertThat(r.jb().late()).isZero();
        assertThat(r.jb().catchUpDrops()).isZero();
        assertThat(r.played()).hasSize(3000 - r.jb().bufferedPackets());
        assertThat(r.maxTarget()).isEqualTo(MIN_TARGET);
        assertThat(r.maxLatencyMs()).isLessThanOrEqualTo(30 + (MIN_TARGET + 1) * 20);
    }

    @Test
    void burstyArrivalsRaiseTheTargetAndPlayContinuously() {
        // the network holds packets and releases them every 100 ms: bursts of five
        Run r = run(3000, i -> ((i * FRAME) / (100 * MS) + 1) * 100 * MS + 5 * MS, 3010, JitterBufferPolicyTest::tick);
        System.out.println("bursty: " + r);
        assertThat(r.jb().targetDepthFrames()).isBetween(5, 7);
        assertThat(r.jb().late()).as("late only while the target learns").isLessThanOrEqualTo(10);
        long emptiesLater = r.slots().subList(100, r.slots().size() - 20).stream()
                .filter(s -> s instanceof Slot.Empty).count();
        assertThat(emptiesLater).as("continuous after the first 2 s").isZero();
        assertThat(r.maxDepth()).isLessThanOrEqualTo(r.jb().targetDepthFrames() + JitterBuffer.CATCH_UP_MARGIN + 5);
        assertThat(r.lastSecondMaxLatencyMs()).isLessThanOrEqualTo(100 + (r.jb().targetDepthFrames() + 1) * 20);
    }

    @Test
    void fivePercentLossConcealsExactlyTheLostPackets() {
        Random random = new Random(5);
        boolean[] dropped = new boolean[3000];
        int lostCount = 0;
        for (int i = 1; i < dropped.length - 10; i++) {
            dropped[i] = random.nextDouble() < 0.05;
            lostCount += dropped[i] ? 1 : 0;
        }
        Run r = run(3000, i -> dropped[i] ? -1 : i * FRAME + 30 * MS, 3010, JitterBufferPolicyTest::tick);
        System.out.println("5% loss (" + lostCount + " packets): " + r);
        assertThat(lostCount).isBetween(120, 180);
        // every slot after the start plays a packet or stands for a lost one: nothing else is missing, no extra delay
        // (a run of lost packets as long as the buffer empties it: those slots are Empty instead of Lost)
        assertThat(r.lostSlots() + r.emptiesAfterStart()).isEqualTo(lostCount);
        assertThat(r.emptiesAfterStart()).isLessThanOrEqualTo(lostCount / 20);
        assertThat(r.played()).hasSize(3000 - lostCount - r.jb().bufferedPackets());
        assertThat(r.jb().late()).isZero();
        assertThat(r.jb().catchUpDrops()).isZero();
        assertThat(r.maxTarget()).isEqualTo(MIN_TARGET);
    }

    @Test
    void fiftyMillisecondsOfJitterAdaptsTheTargetWithFewLatePackets() {
        Random random = new Random(50);
        long[] delay = new long[3000];
        for (int i = 0; i < delay.length; i++) {
            delay[i] = 20 * MS + (long) (random.nextDouble() * 50 * MS);   // also reorders neighbours
        }
        Run r = run(3000, i -> i * FRAME + delay[i], 3010, JitterBufferPolicyTest::tick);
        System.out.println("50 ms jitter: " + r);
        assertThat(r.jb().targetDepthFrames()).isBetween(4, 5);
        assertThat(r.jb().late()).as("late packets, all while learning").isLessThanOrEqualTo(15);
        long lateAfterLearning = r.lostSlots() - r.slots().subList(0, 250).stream()
                .filter(s -> s instanceof Slot.Lost).count();
        assertThat(lateAfterLearning).as("concealed slots after the first 5 s").isLessThanOrEqualTo(3);
        long emptiesLater = r.slots().subList(250, r.slots().size() - 20).stream()
                .filter(s -> s instanceof Slot.Empty).count();
        assertThat(emptiesLater).isZero();
        assertThat(r.played()).isSorted();
        assertThat(r.lastSecondMaxLatencyMs()).as("bounded latency").isLessThanOrEqualTo(70 + 4 * 20);
        assertThat(r.maxDepth()).isLessThanOrEqualTo(12);
    }

    @Test
    void reorderedPairsPlayInOrderWithoutLoss() {
        // every 10th packet is overtaken by the next one (30 ms extra delay)
        Run r = run(3000, i -> i * FRAME + 20 * MS + (i % 10 == 3 ? 30 * MS : 0), 3010, JitterBufferPolicyTest::tick);
        System.out.println("reordering: " + r);
        assertThat(r.jb().late()).isZero();
        assertThat(r.lostSlots()).isZero();
        assertThat(r.emptiesAfterStart()).isZero();
        assertThat(r.played()).isSorted().doesNotHaveDuplicates();
        assertThat(r.played()).hasSize(3000 - r.jb().bufferedPackets());
    }

    @Test
    void aNetworkStallIsAbsorbedThenLatencyIsBroughtBackByDroppingTheExcess() {
        // 600 ms without packets at 2 s, then all of them at once
        Run r = run(3000, i -> i * FRAME + 20 * MS < 2000 * MS || i * FRAME + 20 * MS > 2600 * MS
                ? i * FRAME + 20 * MS : 2600 * MS, 3010, JitterBufferPolicyTest::tick);
        System.out.println("network stall: " + r);
        assertThat(r.maxTarget()).as("the stall's spread raised the target").isGreaterThan(10);
        assertThat(r.jb().catchUpDrops()).as("excess dropped once the target came down").isPositive();
        assertThat(r.dropped()).as("the dropped packets, handed out").hasSize((int) r.jb().catchUpDrops());
        List<Integer> all = new ArrayList<>(r.played());
        all.addAll(r.dropped());
        assertThat(all).as("every packet either played or handed out as dropped")
                .hasSize(3000 - r.jb().bufferedPackets()).doesNotHaveDuplicates();
        assertThat(r.jb().late()).isZero();
        assertThat(r.lastSecondMaxLatencyMs()).as("latency back near the target at the end")
                .isLessThanOrEqualTo(20 + (r.jb().targetDepthFrames() + JitterBuffer.CATCH_UP_MARGIN + 1) * 20L);
        assertThat(r.maxDepth()).isLessThanOrEqualTo(40);
    }

    @Test
    void aLateConsumerCatchingUpWithBackToBackPollsDropsNothing() {
        // the playout thread stalls for 300 ms every 10 s, then runs the missed polls back to back (fixed rate)
        Run r = run(3000, i -> i * FRAME + 20 * MS, 3010,
                k -> k % 500 >= 100 && k % 500 < 115 ? (k - k % 500 + 115) * FRAME + 7 * MS : tick(k));
        System.out.println("consumer stall: " + r);
        assertThat(r.jb().catchUpDrops()).isZero();
        assertThat(r.lostSlots()).isZero();
        assertThat(r.played()).hasSize(3000 - r.jb().bufferedPackets());
    }

    @Test
    void drainHandsOutEverythingLeftInOrderAndFlushDiscards() {
        JitterBuffer jb = new JitterBuffer(16000, 320, MIN_TARGET, 15, 150);
        for (int i : new int[] {0, 1, 2, 3, 5, 6}) {
            jb.put(packet(i), i * FRAME);
        }
        assertThat(jb.poll()).isInstanceOf(Slot.Packet.class);
        List<Slot> rest = jb.drain();
        assertThat(rest).extracting(s -> s instanceof Slot.Packet p ? "P" + p.packet().sequenceNumber() : "L")
                .containsExactly("P1", "P2", "P3", "L", "P5", "P6");
        assertThat(jb.bufferedPackets()).isZero();
        assertThat(jb.drain()).isEmpty();

        jb.put(packet(7), 7 * FRAME);
        jb.put(packet(8), 8 * FRAME);
        assertThat(jb.flush()).isEqualTo(2);
        assertThat(jb.flushed()).isEqualTo(2);
        jb.put(packet(8), 9 * FRAME);
        assertThat(jb.duplicates()).isEqualTo(1);
        assertThat(jb.poll()).isInstanceOf(Slot.Empty.class);
    }

    @Test
    void drainBeforePlayoutStartedStillReturnsTheHeldPackets() {
        JitterBuffer jb = new JitterBuffer(16000, 320, MIN_TARGET, 15, 150);
        jb.put(packet(4), 0);
        jb.put(packet(3), 0);
        assertThat(jb.drain()).extracting(s -> ((Slot.Packet) s).packet().sequenceNumber()).containsExactly(3, 4);
    }
}
