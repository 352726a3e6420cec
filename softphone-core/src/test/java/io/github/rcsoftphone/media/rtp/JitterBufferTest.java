package io.github.rcsoftphone.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.media.rtp.JitterBuffer.Slot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JitterBufferTest {

    private static final long SSRC = 0xABCDL;

    private static RtpPacket packet(int seq) {
        return packet(SSRC, seq);
    }

    private static RtpPacket packet(long ssrc, int seq) {
        return new RtpPacket(false, 109, seq & 0xFFFF, (320L * seq) & 0xFFFFFFFFL, ssrc, List.of(),
                new byte[] {(byte) seq});
    }

    private static JitterBuffer buffer() {
        return new JitterBuffer(16000, 320, 3, 50);
    }

    /** "P<seq>" for a packet, "L" for lost, "E" for empty. */
    private static String describe(Slot slot) {
        if (slot instanceof Slot.Packet p) {
            return "P" + p.packet().sequenceNumber();
        }
        return slot instanceof Slot.Lost ? "L" : "E";
    }

    private static List<String> poll(JitterBuffer jb, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(describe(jb.poll()));
        }
        return out;
    }

    private static void put(JitterBuffer jb, int... seqs) {
        for (int s : seqs) {
            jb.put(packet(s), 0);
        }
    }

    @Test
    void emptyBeforeAnyPacket() {
        assertThat(poll(buffer(), 3)).containsExactly("E", "E", "E");
    }

    @Test
    void startsAtTargetDepthAndPlaysInOrder() {
        JitterBuffer jb = buffer();
        put(jb, 10, 11);
        assertThat(poll(jb, 1)).containsExactly("E");
        put(jb, 12);
        assertThat(jb.depthFrames()).isEqualTo(3);
        assertThat(poll(jb, 1)).containsExactly("P10");
        put(jb, 13);
        assertThat(poll(jb, 3)).containsExactly("P11", "P12", "P13");
        assertThat(jb.depthFrames()).isZero();
    }

    @Test
    void startsAfterTheTimeoutWhenTooFewPacketsArrive() {
        JitterBuffer jb = buffer();
        put(jb, 5);
        assertThat(poll(jb, 3)).containsExactly("E", "E", "P5");
    }

    @Test
    void realTimeStreamPlaysEveryPacketWithTargetLatency() {
        JitterBuffer jb = buffer();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            put(jb, 100 + i);      // one packet per frame time, then the clock tick
            out.add(describe(jb.poll()));
        }
        assertThat(out).containsExactly("E", "E", "P100", "P101", "P102", "P103", "P104", "P105", "P106", "P107");
        assertThat(jb.depthFrames()).isEqualTo(2);
    }

    @Test
    void reordersWithinTheDepth() {
        JitterBuffer jb = buffer();
        put(jb, 1, 3, 2, 5, 4);
        assertThat(poll(jb, 5)).containsExactly("P1", "P2", "P3", "P4", "P5");
        assertThat(jb.late()).isZero();
    }

    @Test
    void packetsBeforeTheFirstAreAcceptedUntilPlayoutStarts() {
        JitterBuffer jb = buffer();
        put(jb, 7, 6, 5);
        assertThat(poll(jb, 3)).containsExactly("P5", "P6", "P7");
    }

    @Test
    void aMissingPacketBecomesALostSlot() {
        JitterBuffer jb = buffer();
        put(jb, 1, 2, 4, 5);
        assertThat(poll(jb, 4)).containsExactly("P1", "P2", "L", "P4");
        assertThat(jb.concealed()).isEqualTo(1);
    }

    @Test
    void duplicatesAreDroppedBeforeAndAfterPlay() {
        JitterBuffer jb = buffer();
        put(jb, 1, 2, 2, 3);
        assertThat(poll(jb, 1)).containsExactly("P1");
        put(jb, 1, 3);
        assertThat(poll(jb, 3)).containsExactly("P2", "P3", "E");
        assertThat(jb.duplicates()).isEqualTo(3);
        assertThat(jb.late()).isZero();
    }

    @Test
    void packetsPassedByPlayoutAreLate() {
        JitterBuffer jb = buffer();
        put(jb, 1, 2, 4, 5);
        assertThat(poll(jb, 3)).containsExactly("P1", "P2", "L");
        put(jb, 3);
        assertThat(jb.late()).isEqualTo(1);
        assertThat(poll(jb, 2)).containsExactly("P4", "P5");
    }

    @Test
    void playsAcrossTheSequenceWrap() {
        JitterBuffer jb = buffer();
        put(jb, 65534, 65535, 1, 0, 2);
        assertThat(poll(jb, 5)).containsExactly("P65534", "P65535", "P0", "P1", "P2");
        put(jb, 65535); // a duplicate from before the wrap
        assertThat(jb.duplicates()).isEqualTo(1);
    }

    @Test
    void overflowDropsTheOldestAndBoundsMemory() {
        JitterBuffer jb = new JitterBuffer(16000, 320, 3, 5);
        put(jb, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(jb.overflowDrops()).isEqualTo(3);
        assertThat(jb.bufferedPackets()).isEqualTo(5);
        assertThat(jb.depthFrames()).isEqualTo(5);
        assertThat(poll(jb, 6)).containsExactly("P4", "P5", "P6", "P7", "P8", "E");
        for (int i = 9; i < 2_000; i++) {
            put(jb, i);
        }
        assertThat(jb.bufferedPackets()).isLessThanOrEqualTo(5);
        assertThat(poll(jb, 1)).containsExactly("P1995");
    }

    @Test
    void overflowWhilePlayingSkipsForward() {
        JitterBuffer jb = new JitterBuffer(16000, 320, 2, 4);
        put(jb, 1, 2);
        assertThat(poll(jb, 1)).containsExactly("P1");
        put(jb, 3, 4, 5, 6, 7);
        assertThat(jb.depthFrames()).isEqualTo(4);
        assertThat(poll(jb, 4)).containsExactly("P4", "P5", "P6", "P7");
        // a forward jump beyond the maximum depth skips the gap instead of conceal it slot by slot
        put(jb, 8, 9);
        put(jb, 40);
        assertThat(poll(jb, 2)).containsExactly("P40", "E");
    }

    @Test
    void aJumpFarBeyondTheHeldSpanDropsWhatWasHeldAndPlaysOn() {
        JitterBuffer jb = new JitterBuffer(16000, 320, 2, 4);
        put(jb, 1, 2, 3);
        assertThat(poll(jb, 1)).containsExactly("P1");
        put(jb, 5);   // 4 is missing: the play point stays on it
        // 2,000 ahead (within MAX_DROPOUT): the packets held are dropped as overflow, playout goes on at the new one
        put(jb, 2005, 2006);
        assertThat(jb.overflowDrops()).isEqualTo(3);
        assertThat(jb.bufferedPackets()).isEqualTo(2);
        assertThat(poll(jb, 3)).containsExactly("P2005", "P2006", "E");
        put(jb, 2004);
        assertThat(jb.late()).isEqualTo(1);
    }

    @Test
    void underrunGivesEmptyThenRefillsAndResumes() {
        JitterBuffer jb = buffer();
        put(jb, 1, 2, 3);
        assertThat(poll(jb, 4)).containsExactly("P1", "P2", "P3", "E");
        assertThat(jb.underruns()).isEqualTo(1);
        // silence, then a new talkspurt (marker, timestamp jump) with packets 4.. arriving in real time
        jb.put(new RtpPacket(true, 109, 4, 320L * 500, SSRC, List.of(), new byte[1]), 0);
        assertThat(poll(jb, 1)).containsExactly("E");
        put(jb, 5);
        assertThat(poll(jb, 1)).containsExactly("E");
        put(jb, 6);
        assertThat(poll(jb, 3)).containsExactly("P4", "P5", "P6");
    }

    @Test
    void afterAnUnderrunAnOldPacketIsStillLate() {
        JitterBuffer jb = buffer();
        put(jb, 1, 2, 3);
        poll(jb, 4);
        put(jb, 0);
        assertThat(jb.late()).isEqualTo(1);
        assertThat(jb.bufferedPackets()).isZero();
    }

    @Test
    void ssrcChangeResetsAfterTwoSequentialPackets() {
        JitterBuffer jb = buffer();
        put(jb, 1, 2, 3, 4);
        jb.put(packet(77, 9000), 0);          // held as a candidate
        assertThat(jb.resets()).isZero();
        assertThat(poll(jb, 1)).containsExactly("P1");
        jb.put(packet(77, 9001), 0);          // confirmed: flush the old stream
        jb.put(packet(77, 9002), 0);
        assertThat(jb.resets()).isEqualTo(1);
        assertThat(jb.flushed()).isEqualTo(3);
        assertThat(poll(jb, 3)).containsExactly("P9000", "P9001", "P9002");
    }

    @Test
    void aStrayFromAnotherSsrcIsIgnored() {
        JitterBuffer jb = buffer();
        put(jb, 1, 2);
        jb.put(packet(77, 9000), 0);
        put(jb, 3);
        assertThat(poll(jb, 4)).containsExactly("P1", "P2", "P3", "E");
        assertThat(jb.resets()).isZero();
    }

    @Test
    void sequenceRestartFarBackwardsIsHandledLikeProbation() {
        JitterBuffer jb = buffer();
        put(jb, 30_000, 30_001, 30_002);
        assertThat(poll(jb, 1)).containsExactly("P30000");
        put(jb, 5);                 // far backwards: candidate only
        assertThat(poll(jb, 1)).containsExactly("P30001");
        put(jb, 6, 7);              // continues it: restart
        assertThat(jb.resets()).isEqualTo(1);
        assertThat(poll(jb, 3)).containsExactly("P5", "P6", "P7");
    }

    @Test
    void multiFramePacketsPlayOnePerSlot() {
        JitterBuffer jb = buffer();
        for (int i = 0; i < 4; i++) {     // 60 ms packets: timestamp step 3 frames
            jb.put(new RtpPacket(false, 109, i, 960L * i, SSRC, List.of(), new byte[1]), 0);
        }
        assertThat(poll(jb, 5)).containsExactly("P0", "P1", "P2", "P3", "E");
    }
}
