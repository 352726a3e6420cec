package io.github.rcsoftphone.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class RtpReceiverStatsTest {

    private static final long MS = 1_000_000L;
    private static final long SSRC = 0x1234L;

    private static RtpPacket packet(int seq) {
        return new RtpPacket(false, 0, seq & 0xFFFF, (160L * seq) & 0xFFFFFFFFL, SSRC, List.of(), new byte[160]);
    }

    /** Feeds sequence numbers start+i with 20 ms spacing. */
    private static void feed(RtpReceiverStats s, int... seqs) {
        for (int seq : seqs) {
            s.onPacket(packet(seq), 20 * MS * seq);
        }
    }

    @Test
    void inOrderStreamHasNoLossAndNoJitter() {
        RtpReceiverStats s = new RtpReceiverStats(8000);
        for (int i = 100; i < 200; i++) {
            feed(s, i);
        }
        RtpReceiverStats.Snapshot snap = s.snapshot();
        assertThat(snap.packetsReceived()).isEqualTo(100);
        assertThat(snap.packetsExpected()).isEqualTo(100);
        assertThat(snap.packetsLost()).isZero();
        assertThat(snap.jitterMs()).isCloseTo(0, within(1e-9));
        assertThat(snap.roundTripMs()).isNaN();
        ReportBlock b = s.reportBlock(0);
        assertThat(b.ssrc()).isEqualTo(SSRC);
        assertThat(b.extendedHighestSequence()).isEqualTo(199);
        assertThat(b.cumulativeLost()).isZero();
        assertThat(b.fractionLost()).isZero();
        assertThat(b.lastSr()).isZero();
        assertThat(b.delaySinceLastSr()).isZero();
    }

    @Test
    void telephoneEventPacketsCountAsReceivedButNotForTheJitter() {
        RtpReceiverStats s = new RtpReceiverStats(8000);
        for (int i = 100; i < 110; i++) {
            feed(s, i);
        }
        // one key press: 7 event packets 20 ms apart, all with the event's start timestamp (RFC 4733)
        long start = 160L * 110;
        for (int i = 110; i < 117; i++) {
            s.onEventPacket(new RtpPacket(i == 110, 101, i, start, SSRC, List.of(), new byte[4]), 20 * MS * i);
        }
        for (int i = 117; i < 130; i++) {
            feed(s, i);
        }
        RtpReceiverStats.Snapshot snap = s.snapshot();
        assertThat(snap.packetsReceived()).isEqualTo(30);
        assertThat(snap.packetsLost()).as("a key press is no loss (sipp's six keys showed as 42 lost)").isZero();
        assertThat(snap.jitterMs()).isCloseTo(0, within(1e-9));
    }

    @Test
    void probationNeedsTwoInOrderPackets() {
        RtpReceiverStats s = new RtpReceiverStats(8000);
        feed(s, 10);
        assertThat(s.snapshot().packetsReceived()).isZero();
        feed(s, 20);
        assertThat(s.snapshot().packetsReceived()).isZero();
        feed(s, 21);
        assertThat(s.snapshot().packetsReceived()).isEqualTo(2);
        assertThat(s.snapshot().packetsExpected()).isEqualTo(2);
    }

    @Test
    void gapsCountAsLostAndFractionIsPerInterval() {
        RtpReceiverStats s = new RtpReceiverStats(8000);
        feed(s, 1, 2, 3, 4, 7, 8, 9, 10); // 5, 6 lost: expected 10, received 8
        ReportBlock first = s.reportBlock(0);
        assertThat(first.cumulativeLost()).isEqualTo(2);
        assertThat(first.fractionLost()).isEqualTo(2 * 256 / 10);
        feed(s, 11, 12, 13, 14);
        ReportBlock second = s.reportBlock(0);
        assertThat(second.cumulativeLost()).isEqualTo(2);
        assertThat(second.fractionLost()).isZero();
        feed(s, 16, 18); // expected 4 in interval, received 2
        assertThat(s.reportBlock(0).fractionLost()).isEqualTo(128);
        assertThat(s.snapshot().packetsLost()).isEqualTo(4);
    }

    @Test
    void reorderedPacketsFillGapsAndAreCountedLate() {
        RtpReceiverStats s = new RtpReceiverStats(8000);
        feed(s, 1, 2, 4, 3, 5, 7, 6);
        RtpReceiverStats.Snapshot snap = s.snapshot();
        assertThat(snap.packetsLost()).isZero();
        assertThat(snap.packetsReceived()).isEqualTo(7);
        assertThat(snap.late()).isEqualTo(2);
        assertThat(s.reportBlock(0).extendedHighestSequence()).isEqualTo(7);
    }

    @Test
    void duplicatesDoNotHideLosses() {
        RtpReceiverStats s = new RtpReceiverStats(8000);
        feed(s, 1, 2, 3, 3, 5, 5, 2, 6); // 4 lost, three duplicates
        RtpReceiverStats.Snapshot snap = s.snapshot();
        assertThat(snap.duplicates()).isEqualTo(3);
        assertThat(snap.packetsLost()).isEqualTo(1);
        assertThat(snap.packetsReceived()).isEqualTo(5);
        assertThat(s.reportBlock(0).cumulativeLost()).isEqualTo(1);
    }

    @Test
    void sequenceWrapCountsCycles() {
        RtpReceiverStats s = new RtpReceiverStats(8000);
        feed(s, 65530, 65531, 65532, 65533, 65534, 65535);
        feed(s, 65536 + 1, 65536 + 2, 65536); // 0 arrives after 1 and 2 (reordered across the wrap)
        ReportBlock b = s.reportBlock(0);
        assertThat(b.extendedHighestSequence()).isEqualTo(0x1_0002L);
        assertThat(b.cumulativeLost()).isZero();
        assertThat(s.snapshot().packetsExpected()).isEqualTo(9);
        assertThat(s.snapshot().late()).isEqualTo(1);
    }

    @Test
    void bigJumpRestartsOnlyWhenConfirmed() {
        RtpReceiverStats s = new RtpReceiverStats(8000);
        feed(s, 1, 2, 3);
        feed(s, 20_000);           // a stray: ignored
        feed(s, 4);
        assertThat(s.snapshot().packetsReceived()).isEqualTo(4);
        feed(s, 30_000, 30_001);   // confirmed restart
        feed(s, 30_002);
        RtpReceiverStats.Snapshot snap = s.snapshot();
        assertThat(snap.packetsReceived()).isEqualTo(3);
        assertThat(snap.packetsExpected()).isEqualTo(3);
        assertThat(s.reportBlock(0).extendedHighestSequence()).isEqualTo(30_002);
    }

    @Test
    void anotherSsrcTakesOverOnlyWhenItContinuesInSequence() {
        RtpReceiverStats s = new RtpReceiverStats(8000);
        feed(s, 1, 2, 3);
        RtpPacket stray = new RtpPacket(false, 0, 500, 0, 99, List.of(), new byte[1]);
        s.onPacket(stray, 0);
        assertThat(s.ssrc()).isEqualTo(SSRC);
        s.onPacket(new RtpPacket(false, 0, 501, 160, 99, List.of(), new byte[1]), 20 * MS);
        assertThat(s.ssrc()).isEqualTo(99);
        assertThat(s.snapshot().packetsReceived()).isEqualTo(2);
    }

    @Test
    void constantSpacingGivesZeroJitterAndAlternatingOffsetsGiveTheFilterValue() {
        RtpReceiverStats steady = new RtpReceiverStats(8000);
        RtpReceiverStats wobbly = new RtpReceiverStats(8000);
        int n = 400;
        for (int i = 0; i < n; i++) {
            steady.onPacket(packet(i), 1_000 * MS + 20 * MS * i);
            // arrival alternately 5 ms early and 5 ms late: every transit difference is 10 ms = 80 units
            wobbly.onPacket(packet(i), 1_000 * MS + 20 * MS * i + (i % 2 == 0 ? 5 * MS : -5 * MS));
        }
        assertThat(steady.snapshot().jitterMs()).isCloseTo(0, within(1e-9));
        // J(k) = J(k-1) + (|D| - J(k-1)) / 16 from J = 0 over n - 1 differences: J = 80 * (1 - (15/16)^(n-1))
        double expectedUnits = 80 * (1 - Math.pow(15.0 / 16, n - 1));
        assertThat(wobbly.jitterUnits()).isCloseTo(expectedUnits, within(1e-6));
        assertThat(wobbly.snapshot().jitterMs()).isCloseTo(10.0, within(1e-6));
        assertThat(wobbly.reportBlock(0).jitter()).isEqualTo(80);
        // after 16 differences the filter has reached 1 - (15/16)^16 of |D|
        RtpReceiverStats early = new RtpReceiverStats(8000);
        for (int i = 0; i <= 16; i++) {
            early.onPacket(packet(i), 20 * MS * i + (i % 2 == 0 ? 5 * MS : -5 * MS));
        }
        assertThat(early.jitterUnits()).isCloseTo(80 * (1 - Math.pow(15.0 / 16, 16)), within(1e-6));
    }

    @Test
    void lsrAndDlsrComeFromTheLastSenderReport() {
        RtpReceiverStats s = new RtpReceiverStats(8000);
        feed(s, 1, 2);
        long ntp = 0xE9B43C0080000000L;
        s.onSenderReport(new SenderReport(SSRC, ntp, 0, 0, 0, List.of()), 10_000 * MS);
        ReportBlock b = s.reportBlock(10_000 * MS + 1_500 * MS);
        assertThat(b.lastSr()).isEqualTo(0x3C008000L);
        assertThat(b.delaySinceLastSr()).isEqualTo(65536 + 32768);
        s.onSenderReport(new SenderReport(77, ntp + (1L << 32), 0, 0, 0, List.of()), 11_000 * MS); // other source
        assertThat(s.reportBlock(12_000 * MS).lastSr()).isEqualTo(0x3C008000L);
    }

    @Test
    void roundTripFromTheReportAboutOurStream() {
        RtpReceiverStats s = new RtpReceiverStats(8000);
        // we sent an SR with middle 0x3C008000; the peer held it 0.5 s; it is now 0x3C008000 + 0.75 s
        ReportBlock aboutUs = new ReportBlock(42, 0, 0, 0, 0, 0x3C008000L, 0x8000);
        s.onReceiverReportBlock(aboutUs, 0, 0x3C008000L + 0xC000);
        assertThat(s.snapshot().roundTripMs()).isEqualTo(250.0);
        // no LSR: unknown, keeps the previous value
        s.onReceiverReportBlock(new ReportBlock(42, 0, 0, 0, 0, 0, 0), 0, 0x3C010000L);
        assertThat(s.snapshot().roundTripMs()).isEqualTo(250.0);
        // across the 32-bit wrap of the short format
        s.onReceiverReportBlock(new ReportBlock(42, 0, 0, 0, 0, 0xFFFFF000L, 0x800), 0, 0x00000800L);
        assertThat(s.snapshot().roundTripMs()).isEqualTo(0x1000 * 1000.0 / 65536);
    }
}
