package io.github.rcsoftphone.media.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.media.secure.MediaSecurityException.Reason;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SRTP keyed by SDES on 127.0.0.1 (run inside a network namespace, see COMMON.md). */
class SdesTransportTest {
    private static final SrtpProfile P80 = SrtpProfile.AES128_CM_HMAC_SHA1_80;
    private static final byte[] KEY_A = fill(30, 0x11);
    private static final byte[] KEY_B = fill(30, 0x22);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    static byte[] fill(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    private static InetAddress lo() throws Exception {
        return InetAddress.getByName("127.0.0.1");
    }

    private SdesTransport transport(Duration keepAlive) throws Exception {
        SdesTransport t = SdesTransport.create(SdesConfig.defaults().withBindAddress(lo()).withKeepAlive(keepAlive));
        open.add(t);
        return t;
    }

    private DatagramSocket raw() throws Exception {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(lo(), 0));
        s.setSoTimeout(5000);
        open.add(s);
        return s;
    }

    private static InetSocketAddress at(int port) throws Exception {
        return new InetSocketAddress(lo(), port);
    }

    private static InetSocketAddress at(DatagramSocket s) {
        return (InetSocketAddress) s.getLocalSocketAddress();
    }

    private static byte[] receive(DatagramSocket s) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        s.receive(p);
        return Arrays.copyOf(p.getData(), p.getLength());
    }

    private static void send(DatagramSocket s, byte[] data, int port) throws Exception {
        s.send(new DatagramPacket(data, data.length, at(port)));
    }

    /** The peer side of a transport keyed with local KEY_A, remote KEY_B: protects with KEY_B. */
    private static SrtpSession peerOfA() {
        return new SrtpSession(new SdesRemote(new InetSocketAddress(1), null, P80, KEY_A, KEY_B).keys());
    }

    /** Queues what a transport delivers. */
    static final class Sink implements MediaListener {
        final BlockingQueue<byte[]> rtp = new LinkedBlockingQueue<>();
        final BlockingQueue<byte[]> rtcp = new LinkedBlockingQueue<>();

        @Override
        public void onRtp(byte[] p) {
            rtp.add(p);
        }

        @Override
        public void onRtcp(byte[] p) {
            rtcp.add(p);
        }

        byte[] nextRtp() throws InterruptedException {
            return rtp.poll(5, TimeUnit.SECONDS);
        }

        byte[] nextRtcp() throws InterruptedException {
            return rtcp.poll(5, TimeUnit.SECONDS);
        }
    }

    private void exchange(boolean mux) throws Exception {
        exchange(mux, P80, KEY_A, KEY_B);
    }

    private void exchange(boolean mux, SrtpProfile profile, byte[] keyA, byte[] keyB) throws Exception {
        SdesTransport a = transport(Duration.ZERO);
        SdesTransport b = transport(Duration.ZERO);
        Sink sa = new Sink();
        Sink sb = new Sink();
        a.listener(sa);
        b.listener(sb);
        a.start(new SdesRemote(at(b.localPort()), mux ? null : at(b.localRtcpPort()), profile, keyB, keyA)).get();
        b.start(new SdesRemote(at(a.localPort()), mux ? null : at(a.localRtcpPort()), profile, keyA, keyB)).get();
        for (int i = 0; i < 5; i++) {
            byte[] ab = WebRtcTransportTest.rtp(100 + i, 0xA, ("a->b " + i).getBytes());
            byte[] ba = WebRtcTransportTest.rtp(200 + i, 0xB, ("b->a " + i).getBytes());
            a.sendRtp(ab);
            b.sendRtp(ba);
            assertThat(sb.nextRtp()).isEqualTo(ab);
            assertThat(sa.nextRtp()).isEqualTo(ba);
        }
        a.sendRtcp(WebRtcTransportTest.rtcp(0xA));
        b.sendRtcp(WebRtcTransportTest.rtcp(0xB));
        assertThat(sb.nextRtcp()).isEqualTo(WebRtcTransportTest.rtcp(0xA));
        assertThat(sa.nextRtcp()).isEqualTo(WebRtcTransportTest.rtcp(0xB));
        assertThat(a.counters()).isEqualTo(new MediaTransport.Counters(5, 5, 0, 0, 0));
        assertThat(b.counters()).isEqualTo(new MediaTransport.Counters(5, 5, 0, 0, 0));
        assertThat(a.remoteRtpAddress()).isEqualTo(at(b.localPort()));
        assertThat(a.remoteRtcpAddress()).isEqualTo(at(mux ? b.localPort() : b.localRtcpPort()));
    }

    @Test
    void two_transports_exchange_srtp_and_srtcp_with_rtcp_mux() throws Exception {
        exchange(true);
    }

    @Test
    void two_transports_exchange_srtp_and_srtcp_with_rtcp_on_port_plus_one() throws Exception {
        exchange(false);
    }

    @Test
    void the_32_bit_tag_and_gcm_suites_work_too() throws Exception {
        exchange(true, SrtpProfile.AES128_CM_HMAC_SHA1_32, KEY_A, KEY_B);
        exchange(false, SrtpProfile.AEAD_AES_128_GCM, fill(28, 0x33), fill(28, 0x44));
    }

    @Test
    void rtcp_goes_out_from_and_to_port_plus_one_without_mux_and_the_rtp_port_with_mux() throws Exception {
        DatagramSocket rtp = raw();
        DatagramSocket rtcp = raw();
        SdesTransport a = transport(Duration.ZERO);
        a.start(new SdesRemote(at(rtp), at(rtcp), P80, KEY_B, KEY_A)).get();
        assertThat(a.localRtcpPort()).isEqualTo(a.localPort() + 1);
        a.sendRtcp(WebRtcTransportTest.rtcp(0xA));
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        rtcp.receive(p);
        assertThat(p.getPort()).isEqualTo(a.localRtcpPort());
        try (SrtpSession peer = peerOfA()) {
            assertThat(peer.unprotectRtcp(p.getData(), 0, p.getLength()).packet()).isEqualTo(WebRtcTransportTest.rtcp(0xA));
        }
        SdesTransport m = transport(Duration.ZERO);
        m.start(new SdesRemote(at(rtp), null, P80, KEY_B, KEY_A)).get();
        new DatagramSocket(at(m.localRtcpPort())).close(); // the unused RTCP socket was released at start
        m.sendRtcp(WebRtcTransportTest.rtcp(0xA));
        rtp.receive(p);
        assertThat(p.getPort()).isEqualTo(m.localPort());
    }

    @Test
    void latches_to_the_source_of_the_first_authenticated_packet_and_ignores_forgeries() throws Exception {
        DatagramSocket sdpAddress = raw();
        DatagramSocket nat = raw();
        DatagramSocket attacker = raw();
        SdesTransport a = transport(Duration.ZERO);
        Sink sink = new Sink();
        a.listener(sink);
        a.start(new SdesRemote(at(sdpAddress), null, P80, KEY_B, KEY_A)).get();
        try (SrtpSession peer = peerOfA()) {
            byte[] first = WebRtcTransportTest.rtp(1, 0xA, "first".getBytes());
            a.sendRtp(first);
            byte[] got = receive(sdpAddress);
            assertThat(peer.unprotectRtp(got, 0, got.length).packet()).isEqualTo(first);

            byte[] forged = peer.protectRtp(WebRtcTransportTest.rtp(1, 0xB, "forged".getBytes()));
            forged[forged.length - 1] ^= 1;
            send(attacker, forged, a.localPort());
            await().atMost(Duration.ofSeconds(5)).until(() -> a.counters().authFailures() == 1);
            assertThat(a.remoteRtpAddress()).isEqualTo(at(sdpAddress));

            byte[] fromNat = WebRtcTransportTest.rtp(2, 0xB, "hello".getBytes());
            send(nat, peer.protectRtp(fromNat), a.localPort());
            assertThat(sink.nextRtp()).isEqualTo(fromNat);
            assertThat(a.remoteRtpAddress()).isEqualTo(at(nat));
            byte[] second = WebRtcTransportTest.rtp(2, 0xA, "second".getBytes());
            a.sendRtp(second);
            got = receive(nat);
            assertThat(peer.unprotectRtp(got, 0, got.length).packet()).isEqualTo(second);
            a.sendRtcp(WebRtcTransportTest.rtcp(0xA));
            got = receive(nat);
            assertThat(peer.unprotectRtcp(got, 0, got.length).packet()).isEqualTo(WebRtcTransportTest.rtcp(0xA));
        }
    }

    @Test
    void tampered_replayed_and_stray_packets_are_dropped_and_counted() throws Exception {
        DatagramSocket peerSocket = raw();
        SdesTransport a = transport(Duration.ZERO);
        Sink sink = new Sink();
        a.listener(sink);
        a.start(new SdesRemote(at(peerSocket), null, P80, KEY_B, KEY_A)).get();
        try (SrtpSession peer = peerOfA()) {
            byte[] p1 = peer.protectRtp(WebRtcTransportTest.rtp(1, 0xB, "one".getBytes()));
            byte[] p2 = peer.protectRtp(WebRtcTransportTest.rtp(2, 0xB, "two".getBytes()));
            byte[] c1 = peer.protectRtcp(WebRtcTransportTest.rtcp(0xB));
            p2[14] ^= 0x40;
            send(peerSocket, p1, a.localPort());
            send(peerSocket, p1, a.localPort());
            send(peerSocket, p2, a.localPort());
            send(peerSocket, new byte[] {(byte) 0x80, 109, 0, 0}, a.localPort()); // RingCentral's stray 4 bytes
            send(peerSocket, c1, a.localPort());
            send(peerSocket, c1, a.localPort());
            byte[] last = WebRtcTransportTest.rtp(3, 0xB, "three".getBytes());
            send(peerSocket, peer.protectRtp(last), a.localPort());
            await().atMost(Duration.ofSeconds(5)).until(() -> a.counters().rtpReceived() == 2);
            assertThat(a.counters()).isEqualTo(new MediaTransport.Counters(0, 2, 1, 2, 1));
            assertThat(sink.rtp).hasSize(2);
            assertThat(sink.rtcp).hasSize(1);
        }
    }

    @Test
    void random_truncations_and_mutations_never_stop_the_receiver() throws Exception {
        DatagramSocket peerSocket = raw();
        SdesTransport a = transport(Duration.ZERO);
        Sink sink = new Sink();
        a.listener(sink);
        a.start(new SdesRemote(at(peerSocket), null, P80, KEY_B, KEY_A)).get();
        Random random = new Random(5);
        try (SrtpSession peer = peerOfA()) {
            byte[] valid = peer.protectRtp(WebRtcTransportTest.rtp(1, 0xB, new byte[40]));
            for (int i = 0; i < 300; i++) {
                byte[] m = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
                if (m.length > 0 && random.nextBoolean()) {
                    m[random.nextInt(m.length)] ^= (byte) (1 + random.nextInt(255));
                }
                send(peerSocket, m, a.localPort());
                if (i % 25 == 24) { // stay under the socket receive buffer
                    long sent = i + 1;
                    await().atMost(Duration.ofSeconds(5)).until(() -> dropped(a.counters()) + a.counters().rtpReceived() == sent);
                }
            }
            byte[] ok = WebRtcTransportTest.rtp(2, 0xB, "ok".getBytes());
            send(peerSocket, peer.protectRtp(ok), a.localPort());
            byte[] got;
            do {
                got = sink.nextRtp();
            } while (got != null && !Arrays.equals(got, ok));
            assertThat(got).as("%s", a.counters()).isEqualTo(ok);
            MediaTransport.Counters c = a.counters();
            assertThat(c.rtpReceived() + dropped(c)).isEqualTo(301);
        }
    }

    @Test
    void keep_alives_are_sent_when_idle_as_srtcp_receiver_reports() throws Exception {
        DatagramSocket server = raw();
        SdesTransport a = transport(Duration.ofMillis(100));
        a.start(new SdesRemote(at(server), null, P80, KEY_B, KEY_A)).get();
        a.sendRtp(WebRtcTransportTest.rtp(1, 0x5151, new byte[10]));
        try (SrtpSession peer = peerOfA()) {
            byte[] first = receive(server);
            assertThat(peer.unprotectRtcp(first, 0, first.length).status()).isEqualTo(SrtpSession.Status.OK);
            byte[] rtp = receive(server);
            assertThat(peer.unprotectRtp(rtp, 0, rtp.length).status()).isEqualTo(SrtpSession.Status.OK);
            long t0 = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                byte[] k = receive(server);
                SrtpSession.Result r = peer.unprotectRtcp(k, 0, k.length);
                assertThat(r.status()).isEqualTo(SrtpSession.Status.OK);
                assertThat(r.packet()).hasSize(8);
                assertThat(r.packet()[1] & 0xff).isEqualTo(201);
                assertThat(StunMessage.readInt(r.packet(), 4)).isEqualTo(0x5151);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("SDES keep-alive every 100 ms: 3 keep-alives in %d ms%n", ms);
            assertThat(ms).isGreaterThanOrEqualTo(180);
        }
        // the counter moves once send() returned, which can be after the receiver already has the datagram
        await().atMost(Duration.ofSeconds(2)).until(() -> a.keepAlivesSent() >= 4);
        assertThat(a.counters().rtpSent()).isEqualTo(1);
    }

    @Test
    void protected_packet_equals_the_rfc3711_reference_and_the_libsrtp_known_answer() throws Exception {
        HexFormat hex = HexFormat.of();
        byte[] keySalt = hex.parseHex("E1F97A0D3E018BE0D64FA32C06DE4139" + "0EC675AD498AFEEBB6960B3AABE6");
        DatagramSocket server = raw();
        SdesTransport a = transport(Duration.ZERO);
        a.start(new SdesKeys.Chosen(1, P80, KEY_B, keySalt).remote(at(server), null)).get();
        byte[] rtp = WebRtcTransportTest.rtp(0, 0xCAFEBABE, "0123456789abcdef0123".getBytes());
        a.sendRtp(rtp);
        assertThat(receive(server)).isEqualTo(SrtpSessionTest.referenceProtect(Arrays.copyOf(keySalt, 16),
                Arrays.copyOfRange(keySalt, 16, 30), rtp));
        // libsrtp test/srtp_driver.c vector: same master key and salt
        a.sendRtp(hex.parseHex("800f1234decafbadcafebabeabababababababababababababababab"));
        assertThat(hex.formatHex(receive(server)))
                .isEqualTo("800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb");
    }

    @Test
    void close_releases_threads_and_both_ports_and_fails_a_later_start() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        SdesTransport a = transport(Duration.ofMillis(50));
        SdesTransport b = transport(Duration.ofMillis(50));
        assertThat(threadNames(before)).isEmpty();
        a.start(new SdesRemote(at(b.localPort()), at(b.localRtcpPort()), P80, KEY_B, KEY_A)).get();
        b.start(new SdesRemote(at(a.localPort()), null, P80, KEY_A, KEY_B)).get();
        // no shared MediaIo in these configs: each transport runs its own I/O thread, none per socket
        assertThat(threadNames(before)).containsExactlyInAnyOrder("sdes-" + a.localPort() + "-io",
                "sdes-" + b.localPort() + "-io");
        long t0 = System.nanoTime();
        a.close();
        b.close();
        a.close();
        System.out.printf("SDES close of two started transports (2 I/O threads): %.1f ms%n", (System.nanoTime() - t0) / 1e6);
        assertThat(threadNames(before)).isEmpty();
        for (int port : new int[] {a.localPort(), a.localRtcpPort(), b.localPort(), b.localRtcpPort()}) {
            new DatagramSocket(at(port)).close();
        }
        SdesTransport c = transport(Duration.ZERO);
        c.close();
        try {
            c.start(new SdesRemote(at(1), null, P80, KEY_A, KEY_B)).get();
            throw new AssertionError("start after close must fail");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(MediaSecurityException.class);
            assertThat(((MediaSecurityException) e.getCause()).reason()).isEqualTo(Reason.CLOSED);
        }
        assertThat(threadNames(before)).isEmpty();
    }

    @Test
    void binds_an_even_rtp_port_and_the_next_one_within_a_range() throws Exception {
        SdesTransport a = SdesTransport.create(SdesConfig.defaults().withBindAddress(lo()).withPorts(40001, 40010));
        open.add(a);
        SdesTransport b = SdesTransport.create(SdesConfig.defaults().withBindAddress(lo()).withPorts(40001, 40010));
        open.add(b);
        assertThat(a.localPort()).isEqualTo(40002);
        assertThat(b.localPort()).isEqualTo(40004);
    }

    private static long dropped(MediaTransport.Counters c) {
        return c.authFailures() + c.replaysDropped() + c.otherDropped();
    }

    private static List<String> threadNames(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t)).filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> n.startsWith("sdes-")).collect(Collectors.toList());
    }
}
