package io.github.rcsoftphone.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Prints rough per-packet costs (no assertion on time: the machine is shared). */
class RtpCodecTimingTest {

    private static final int ROUNDS = 200_000;

    @Test
    void printsNanosecondsPerPacket() throws Exception {
        RtpPacket packet = new RtpPacket(false, 109, 1, 2, 3, List.of(), new byte[80]);
        byte[] wire = packet.encode();
        List<RtcpPacket> compound = List.of(
                new SenderReport(1, Ntp.fromEpochMillis(1_700_000_000_000L), 2, 3, 4,
                        List.of(new ReportBlock(5, 6, 7, 8, 9, 10, 11))),
                new SourceDescription(1, "softphone@example"));
        byte[] rtcp = RtcpPacket.encodeCompound(compound);
        long sink = 0;
        for (int warm = 0; warm < 2; warm++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < ROUNDS; i++) {
                sink += RtpPacket.decode(wire, 0, wire.length).sequenceNumber();
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < ROUNDS; i++) {
                sink += packet.encode().length;
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < ROUNDS / 10; i++) {
                sink += RtcpPacket.decodeCompound(rtcp, 0, rtcp.length).size();
            }
            long t3 = System.nanoTime();
            JitterBuffer jb = new JitterBuffer(16000, 320, 3, 50);
            RtpReceiverStats stats = new RtpReceiverStats(16000);
            for (int i = 0; i < ROUNDS; i++) {
                RtpPacket p = new RtpPacket(false, 109, i & 0xFFFF, 320L * i & 0xFFFFFFFFL, 3, List.of(), wire);
                stats.onPacket(p, 20_000_000L * i);
                jb.put(p, 0);
                sink += jb.poll() instanceof JitterBuffer.Slot.Packet ? 1 : 0;
            }
            long t4 = System.nanoTime();
            if (warm == 1) {
                System.out.printf("RTP %d-byte packet: decode %d ns, encode %d ns; RTCP SR+SDES decode %d ns; "
                                + "new packet + stats + jitter buffer put/poll %d ns (sink %d)%n", wire.length,
                        (t1 - t0) / ROUNDS, (t2 - t1) / ROUNDS, (t3 - t2) / (ROUNDS / 10), (t4 - t3) / ROUNDS, sink);
            }
        }
        assertThat(sink).isPositive();
    }
}
