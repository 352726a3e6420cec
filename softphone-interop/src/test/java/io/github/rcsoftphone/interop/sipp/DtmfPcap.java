package io.github.rcsoftphone.interop.sipp;

import io.github.rcsoftphone.media.codec.TelephoneEvent;
import io.github.rcsoftphone.media.rtp.RtpPacket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Writes a pcap (Ethernet, IPv4, UDP) of one RTP stream for sipp's {@code play_pcap_audio}: PCMU silence, then each
 * key as RFC 4733 telephone-events (payload type 101, 100 ms, end packet three times) with 100 ms of silence
 * between keys, all 20 ms apart with continuous sequence numbers and timestamps (unlike the bundled
 * {@code dtmf_2833_*.pcap}, which all start at the same sequence number).
 */
public final class DtmfPcap {
    private static final int EVENT_PT = 101;
    private static final long SSRC = 0x5EED1234L;

    private DtmfPcap() {
    }

    /** The pcap for {@code digits} into {@code file}. */
    public static Path write(Path file, String digits) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(le(ByteBuffer.allocate(24)).putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0)
                .putInt(0).putInt(65535).putInt(1).array());
        int[] seq = {1000};
        long[] ts = {160_000};
        int[] tick = {0};
        Runnable silence = () -> writeRtp(out, tick[0]++, new RtpPacket(false, 0, seq[0]++ & 0xFFFF, ts[0], SSRC,
                List.of(), filled(160, (byte) 0xFF)), () -> ts[0] += 160);
        // 1.5 s of silence first: sipp starts playing at its ACK, and key presses sent before the far end's media is
        // up (ICE + DTLS through rtpengine on a loaded machine took over the 0.5 s this was) are lost by design
        for (int i = 0; i < 75; i++) {
            silence.run();
        }
        for (char d : digits.toCharArray()) {
            long start = ts[0];
            List<TelephoneEvent> events = TelephoneEvent.keyPress(TelephoneEvent.eventFor(d), 10, 800, 160);
            for (int k = 0; k < events.size(); k++) {
                writeRtp(out, tick[0]++, new RtpPacket(k == 0, EVENT_PT, seq[0]++ & 0xFFFF, start, SSRC, List.of(),
                        events.get(k).encode()), () -> ts[0] += 160);
            }
            for (int i = 0; i < 5; i++) {
                silence.run();
            }
        }
        for (int i = 0; i < 25; i++) {
            silence.run();
        }
        Files.write(file, out.toByteArray());
        return file;
    }

    private static byte[] filled(int n, byte b) {
        byte[] a = new byte[n];
        Arrays.fill(a, b);
        return a;
    }

    /** One packet record at {@code tick} * 20 ms; {@code advance} moves the stream's clock on by 20 ms. */
    private static void writeRtp(ByteArrayOutputStream out, int tick, RtpPacket rtp, Runnable advance) {
        byte[] payload = rtp.encode();
        advance.run();
        int udpLen = 8 + payload.length;
        int ipLen = 20 + udpLen;
        ByteBuffer frame = ByteBuffer.allocate(14 + ipLen);
        frame.put(new byte[] {0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1}).putShort((short) 0x0800);
        int ipStart = frame.position();
        frame.put((byte) 0x45).put((byte) 0).putShort((short) ipLen).putShort((short) tick).putShort((short) 0)
                .put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {127, 0, 0, 1}).put(new byte[] {127, 0, 0, 1});
        byte[] ip = frame.array();
        int sum = 0;
        for (int i = ipStart; i < ipStart + 20; i += 2) {
            sum += ((ip[i] & 0xFF) << 8) | (ip[i + 1] & 0xFF);
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        frame.putShort(ipStart + 10, (short) ~sum);
        frame.putShort((short) 6000).putShort((short) 6002).putShort((short) udpLen).putShort((short) 0).put(payload);
        long micros = tick * 20_000L;
        out.writeBytes(le(ByteBuffer.allocate(16)).putInt((int) (micros / 1_000_000)).putInt((int) (micros % 1_000_000))
                .putInt(frame.capacity()).putInt(frame.capacity()).array());
        out.writeBytes(frame.array());
    }

    private static ByteBuffer le(ByteBuffer b) {
        return b.order(ByteOrder.LITTLE_ENDIAN);
    }
}
