package io.github.rcsoftphone.media.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.media.secure.MediaSecurityException.Reason;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Two transports on 127.0.0.1 (run inside a network namespace, see COMMON.md). */
class WebRtcTransportTest {
    private static DtlsIdentity idA;
    private static DtlsIdentity idB;
    private WebRtcTransport a;
    private WebRtcTransport b;

    @BeforeAll
    static void identities() {
        idA = DtlsIdentity.generate();
        idB = DtlsIdentity.generate();
    }

    @AfterEach
    void closeAll() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    static WebRtcConfig config(DtlsIdentity id, boolean controlling) throws Exception {
        return WebRtcConfig.defaults(id, controlling).withBindAddress(InetAddress.getByName("127.0.0.1"))
                .withConnectTimeout(Duration.ofSeconds(5));
    }

    static WebRtcRemote remoteOf(WebRtcLocal l, DtlsRole ourRole) {
        return new WebRtcRemote(l.ice(), l.candidates(), l.fingerprintAlgorithm(), l.fingerprint(), ourRole, true);
    }

    /** Minimal RTP: V=2, PT 111, seq, ts, SSRC, payload. */
    static byte[] rtp(int seq, int ssrc, byte[] payload) {
        byte[] p = new byte[12 + payload.length];
        p[0] = (byte) 0x80;
        p[1] = 111;
        p[2] = (byte) (seq >> 8);
        p[3] = (byte) seq;
        p[7] = (byte) seq;
        StunMessage.writeInt(p, 8, ssrc);
        System.arraycopy(payload, 0, p, 12, payload.length);
        return p;
    }

    /** Minimal RTCP receiver report (PT 201), no report blocks. */
    static byte[] rtcp(int ssrc) {
        byte[] p = new byte[8];
        p[0] = (byte) 0x80;
        p[1] = (byte) 201;
        p[3] = 1;
        StunMessage.writeInt(p, 4, ssrc);
        return p;
    }

    private void connectPair() throws Exception {
        a = WebRtcTransport.create(config(idA, true));
        b = WebRtcTransport.create(config(idB, false));
        CompletableFuture<Void> fa = a.start(remoteOf(b.local(), DtlsRole.CLIENT));
        CompletableFuture<Void> fb = b.start(remoteOf(a.local(), DtlsRole.SERVER));
        CompletableFuture.allOf(fa, fb).get(5, TimeUnit.SECONDS);
    }

    @Test
    void local_parameters_are_complete() throws Exception {
        a = WebRtcTransport.create(config(idA, true));
        WebRtcLocal l = a.local();
        assertThat(l.ice().ufrag()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(l.ice().pwd()).hasSizeGreaterThanOrEqualTo(22);
        assertThat(l.fingerprint()).isEqualTo(idA.fingerprint("sha-256"));
        assertThat(l.candidates()).singleElement().satisfies(c -> {
            assertThat(c.address()).isEqualTo("127.0.0.1");
            assertThat(c.port()).isEqualTo(a.localPort());
            assertThat(c.type()).isEqualTo("host");
            assertThat(c.component()).isEqualTo(1);
        });
    }

    @Test
    void gathers_a_server_reflexive_candidate_from_a_stun_server() throws Exception {
        try (DatagramSocket stun = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            InetSocketAddress mapped = new InetSocketAddress("127.0.0.2", 40000);
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try {
                    java.net.DatagramPacket p = new java.net.DatagramPacket(new byte[1500], 1500);
                    stun.receive(p);
                    StunMessage req = StunMessage.parse(p.getData(), 0, p.getLength());
                    byte[] resp = new StunMessage.Builder(StunMessage.BINDING_SUCCESS, req.transactionId())
                            .xorMappedAddress(mapped).build(null, true);
                    stun.send(new java.net.DatagramPacket(resp, resp.length, p.getSocketAddress()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            a = WebRtcTransport.create(config(idA, true).withStunServers(List.of(
                    (InetSocketAddress) stun.getLocalSocketAddress())));
            server.get(2, TimeUnit.SECONDS);
            assertThat(a.local().candidates()).hasSize(2);
            IceCandidate srflx = a.local().candidates().get(1);
            assertThat(srflx.type()).isEqualTo("srflx");
            assertThat(srflx.address()).isEqualTo("127.0.0.2");
            assertThat(srflx.port()).isEqualTo(40000);
            assertThat(srflx.relatedAddress()).isEqualTo("127.0.0.1");
            assertThat(srflx.relatedPort()).isEqualTo(a.localPort());
            assertThat(srflx.priority()).isLessThan(a.local().candidates().get(0).priority());
        }
    }

    @Test
    void datagrams_outside_the_rfc7983_ranges_are_dropped_and_counted() throws Exception {
        connectPair();
        a.sendRawToRemoteForTest(new byte[] {100, 1, 2, 3});
        a.sendRawToRemoteForTest(new byte[] {(byte) 0x80, 0, 1});
        await().atMost(Duration.ofSeconds(2)).until(() -> b.counters().otherDropped() == 2);
    }

    @Test
    void two_transports_connect_and_exchange_rtp_and_rtcp_both_ways() throws Exception {
        long t0 = System.nanoTime();
        connectPair();
        long readyMs = (System.nanoTime() - t0) / 1_000_000;
        BlockingQueue<byte[]> rtpAtA = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> rtpAtB = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> rtcpAtA = new LinkedBlockingQueue<>();
        BlockingQueue<byte[]> rtcpAtB = new LinkedBlockingQueue<>();
        a.listener(listener(rtpAtA, rtcpAtA));
        b.listener(listener(rtpAtB, rtcpAtB));
        for (int i = 0; i < 10; i++) {
            a.sendRtp(rtp(i, 0x1111, ("a->b " + i).getBytes()));
            b.sendRtp(rtp(i, 0x2222, ("b->a " + i).getBytes()));
        }
        a.sendRtcp(rtcp(0x1111));
        b.sendRtcp(rtcp(0x2222));
        for (int i = 0; i < 10; i++) {
            assertThat(rtpAtB.poll(2, TimeUnit.SECONDS)).isEqualTo(rtp(i, 0x1111, ("a->b " + i).getBytes()));
            assertThat(rtpAtA.poll(2, TimeUnit.SECONDS)).isEqualTo(rtp(i, 0x2222, ("b->a " + i).getBytes()));
        }
        assertThat(rtcpAtB.poll(2, TimeUnit.SECONDS)).isEqualTo(rtcp(0x1111));
        assertThat(rtcpAtA.poll(2, TimeUnit.SECONDS)).isEqualTo(rtcp(0x2222));
        assertThat(a.counters()).isEqualTo(new MediaTransport.Counters(10, 10, 0, 0, 0));
        assertThat(b.counters()).isEqualTo(new MediaTransport.Counters(10, 10, 0, 0, 0));
        long[] ta = a.setupMillis();
        long[] tb = b.setupMillis();
        System.out.printf("READY in %d ms; controlling: ICE %d ms + DTLS %d ms; controlled: ICE %d ms + DTLS %d ms%n",
                readyMs, ta[0], ta[1], tb[0], tb[1]);
    }

    @Test
    void replayed_and_tampered_srtp_packets_are_dropped_and_counted() throws Exception {
        connectPair();
        BlockingQueue<byte[]> rtpAtB = new LinkedBlockingQueue<>();
        b.listener(listener(rtpAtB, new LinkedBlockingQueue<>()));
        byte[] protectedPacket = a.protectAndSendRtpForTest(rtp(1, 0x3333, "once".getBytes()));
        assertThat(rtpAtB.poll(2, TimeUnit.SECONDS)).isEqualTo(rtp(1, 0x3333, "once".getBytes()));
        a.sendRawToRemoteForTest(protectedPacket);
        await().atMost(Duration.ofSeconds(2)).until(() -> b.counters().replaysDropped() == 1);
        byte[] tampered = a.protectAndSendRtpForTest(rtp(2, 0x3333, "twice".getBytes()));
        assertThat(rtpAtB.poll(2, TimeUnit.SECONDS)).isEqualTo(rtp(2, 0x3333, "twice".getBytes()));
        byte[] fresh = a.protectRtpForTest(rtp(3, 0x3333, "forged".getBytes()));
        fresh[14] ^= 0x01;
        a.sendRawToRemoteForTest(fresh);
        await().atMost(Duration.ofSeconds(2)).until(() -> b.counters().authFailures() == 1);
        assertThat(rtpAtB).isEmpty();
        assertThat(b.counters().rtpReceived()).isEqualTo(2);
        assertThat(tampered).isNotNull();
    }

    @Test
    void wrong_remote_fingerprint_fails_with_fingerprint_mismatch() throws Exception {
        a = WebRtcTransport.create(config(idA, true));
        b = WebRtcTransport.create(config(idB, false));
        String wrong = DtlsIdentity.generate().fingerprint("sha-256");
        WebRtcRemote bSeenByA = new WebRtcRemote(b.local().ice(), b.local().candidates(), "sha-256", wrong,
                DtlsRole.CLIENT, true);
        CompletableFuture<Void> fa = a.start(bSeenByA);
        CompletableFuture<Void> fb = b.start(remoteOf(a.local(), DtlsRole.SERVER));
        assertThatThrownBy(() -> fa.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(MediaSecurityException.class)
                .satisfies(e -> {
                    assertThat(((MediaSecurityException) e).reason()).isEqualTo(Reason.FINGERPRINT_MISMATCH);
                    assertThat(e.getMessage()).contains(wrong).contains(idB.fingerprint("sha-256"));
                });
        assertThatThrownBy(() -> fb.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(MediaSecurityException.class)
                .satisfies(e -> assertThat(((MediaSecurityException) e).reason()).isEqualTo(Reason.DTLS_FAILED));
    }

    @Test
    void sha1_fingerprint_is_accepted_by_the_server_side() throws Exception {
        a = WebRtcTransport.create(config(idA, true));
        b = WebRtcTransport.create(config(idB, false));
        WebRtcRemote aSeenByB = new WebRtcRemote(a.local().ice(), a.local().candidates(), "sha-1",
                idA.fingerprint("sha-1"), DtlsRole.SERVER, true);
        CompletableFuture.allOf(a.start(remoteOf(b.local(), DtlsRole.CLIENT)), b.start(aSeenByB)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void wrong_ice_password_fails_with_ice_failed_within_the_connect_timeout() throws Exception {
        WebRtcConfig ca = config(idA, true).withConnectTimeout(Duration.ofMillis(1500));
        a = WebRtcTransport.create(ca);
        b = WebRtcTransport.create(config(idB, false).withConnectTimeout(Duration.ofMillis(1500)));
        WebRtcLocal bl = b.local();
        WebRtcRemote wrongPwd = new WebRtcRemote(new IceParameters(bl.ice().ufrag(), "x".repeat(24)), bl.candidates(),
                bl.fingerprintAlgorithm(), bl.fingerprint(), DtlsRole.CLIENT, true);
        long t0 = System.nanoTime();
        CompletableFuture<Void> fa = a.start(wrongPwd);
        CompletableFuture<Void> fb = b.start(remoteOf(a.local(), DtlsRole.SERVER));
        assertThatThrownBy(() -> fa.get(4, TimeUnit.SECONDS)).cause().isInstanceOf(MediaSecurityException.class)
                .satisfies(e -> assertThat(((MediaSecurityException) e).reason()).isEqualTo(Reason.ICE_FAILED));
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
        assertThatThrownBy(() -> fb.get(4, TimeUnit.SECONDS)).cause().isInstanceOf(MediaSecurityException.class)
                .satisfies(e -> assertThat(((MediaSecurityException) e).reason()).isEqualTo(Reason.ICE_FAILED));
    }

    @Test
    void close_during_start_fails_start_with_closed() throws Exception {
        a = WebRtcTransport.create(config(idA, true));
        b = WebRtcTransport.create(config(idB, false));
        CompletableFuture<Void> fa = a.start(remoteOf(new WebRtcLocal(new IceParameters("abcd", "x".repeat(22)),
                List.of(), "sha-256", idB.fingerprint()), DtlsRole.CLIENT));
        a.close();
        assertThatThrownBy(() -> fa.get(2, TimeUnit.SECONDS)).cause().isInstanceOf(MediaSecurityException.class)
                .satisfies(e -> assertThat(((MediaSecurityException) e).reason()).isEqualTo(Reason.CLOSED));
    }

    @Test
    void consent_is_lost_when_the_peer_goes_away() throws Exception {
        a = WebRtcTransport.create(config(idA, true).withConsent(Duration.ofMillis(100), Duration.ofMillis(600)));
        b = WebRtcTransport.create(config(idB, false));
        CompletableFuture.allOf(a.start(remoteOf(b.local(), DtlsRole.CLIENT)),
                b.start(remoteOf(a.local(), DtlsRole.SERVER))).get(5, TimeUnit.SECONDS);
        CompletableFuture<MediaSecurityException> failure = new CompletableFuture<>();
        a.listener(new MediaListener() {
            @Override public void onRtp(byte[] p) { }
            @Override public void onRtcp(byte[] p) { }
            @Override public void onFailure(MediaSecurityException e) {
                failure.complete(e);
            }
        });
        assertThat(failure).isNotDone();
        b.close();
        assertThat(failure.get(3, TimeUnit.SECONDS).reason()).isEqualTo(Reason.CONSENT_LOST);
    }

    @Test
    void close_releases_every_thread_and_the_port() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        connectPair();
        a.sendRtp(rtp(1, 1, new byte[20]));
        int portA = a.localPort();
        int portB = b.localPort();
        assertThat(threadNames(before)).anyMatch(n -> n.startsWith("webrtc-" + portA));
        a.close();
        b.close();
        assertThat(threadNames(before)).isEmpty();
        new DatagramSocket(new InetSocketAddress("127.0.0.1", portA)).close();
        new DatagramSocket(new InetSocketAddress("127.0.0.1", portB)).close();
    }

    private static List<String> threadNames(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t)).filter(Thread::isAlive)
                .map(Thread::getName).filter(n -> !n.startsWith("ForkJoinPool") && !n.startsWith("awaitility"))
                .collect(Collectors.toList());
    }

    private static MediaListener listener(BlockingQueue<byte[]> rtp, BlockingQueue<byte[]> rtcp) {
        return new MediaListener() {
            @Override
            public void onRtp(byte[] p) {
                rtp.add(p);
            }

            @Override
            public void onRtcp(byte[] p) {
                rtcp.add(p);
            }
        };
    }
}
