package io.github.rcsoftphone.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RtpSenderTest {

    @Test
    void sequenceAndTimestampAdvanceAfterBuildingAndWrap() {
        RtpSender s = new RtpSender(0xCAFEBABEL, 65534, 0xFFFFFE00L);
        RtpPacket a = s.next(109, new byte[10], 320, true);
        RtpPacket b = s.next(109, new byte[20], 320, false);
        RtpPacket c = s.next(109, new byte[30], 320, false);
        assertThat(List.of(a.sequenceNumber(), b.sequenceNumber(), c.sequenceNumber())).containsExactly(65534, 65535, 0);
        assertThat(List.of(a.timestamp(), b.timestamp(), c.timestamp()))
                .containsExactly(0xFFFFFE00L, 0xFFFFFF40L, 0x80L);
        assertThat(a.marker()).isTrue();
        assertThat(c.ssrc()).isEqualTo(0xCAFEBABEL);
        assertThat(s.packetCount()).isEqualTo(3);
        assertThat(s.octetCount()).isEqualTo(60);
        assertThat(s.lastTimestamp()).isEqualTo(0x80L);
        assertThat(s.nextTimestamp()).isEqualTo(0x1C0L);
        assertThat(s.nextSequence()).isEqualTo(1);
    }

    @Test
    void skipAndEventsControlTheTimestamp() {
        RtpSender s = new RtpSender(1, 10, 1000);
        s.next(0, new byte[160], 160, false);
        s.skip(1600);
        RtpPacket start = s.nextEvent(101, new byte[4], 1160, true);
        RtpPacket again = s.nextEvent(101, new byte[4], 1160, false);
        RtpPacket audio = s.next(0, new byte[160], 160, false);
        assertThat(start.timestamp()).isEqualTo(1160);
        assertThat(again.timestamp()).isEqualTo(1160);
        assertThat(start.sequenceNumber()).isEqualTo(11);
        assertThat(again.sequenceNumber()).isEqualTo(12);
        assertThat(audio.timestamp()).isEqualTo(1000 + 160 + 1600);
        assertThat(audio.sequenceNumber()).isEqualTo(13);
    }

    @Test
    void randomStartComesFromTheGenerator() {
        RtpSender one = new RtpSender(new Random(7));
        RtpSender two = new RtpSender(new Random(7));
        RtpSender other = new RtpSender(new Random(8));
        assertThat(one.ssrc()).isEqualTo(two.ssrc()).isNotEqualTo(other.ssrc()).isBetween(0L, 0xFFFFFFFFL);
        assertThat(one.nextSequence()).isEqualTo(two.nextSequence()).isBetween(0, 65535);
        assertThat(one.nextTimestamp()).isEqualTo(two.nextTimestamp());
        assertThat(new RtpSender().ssrc()).isBetween(0L, 0xFFFFFFFFL);
    }

    @Test
    void senderReportCarriesCountsModulo32Bits() {
        RtpSender s = new RtpSender(5, 0, 0);
        s.next(0, new byte[160], 160, false);
        long ntp = Ntp.fromEpochMillis(1_700_000_000_000L);
        SenderReport sr = s.senderReport(ntp, 0x1_0000_0010L, List.of());
        assertThat(sr).isEqualTo(new SenderReport(5, ntp, 0x10, 1, 160, List.of()));
    }
}
