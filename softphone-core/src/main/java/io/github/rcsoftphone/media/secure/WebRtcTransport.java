package io.github.rcsoftphone.media.secure;

import io.github.rcsoftphone.media.net.MediaIo;
import io.github.rcsoftphone.media.secure.MediaSecurityException.Reason;
import io.github.rcsoftphone.sched.Scheduler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebRTC media path for one call: ICE, then DTLS-SRTP, then SRTP/SRTCP with rtcp-mux, all on one UDP socket
 * demultiplexed by first byte (RFC 7983: 0-3 STUN, 20-63 DTLS, 128-191 RTP/RTCP; RTCP by payload type 64-95 as in
 * RFC 5761).
 *
 * <p>Threads: none of its own. The socket is a non-blocking channel on the {@link MediaIo} of
 * {@link WebRtcConfig#mediaIo()}, whose one I/O thread (shared by all calls) runs the demux, STUN answers, SRTP
 * unprotect, listener callbacks, ICE check pacing, the connect timeout and consent freshness; the blocking DTLS
 * handshake runs on the MediaIo's pool and gives its thread back when it ends; later DTLS records (a retransmitted
 * final flight, alerts) are processed on the I/O thread. Without a configured MediaIo the transport makes its own
 * ({@code webrtc-<port>-io}, from {@link WebRtcConfig#threadFactory()}) and closes it with itself.
 *
 * <p>ICE is this package's own small full agent ({@link IceAgent}) rather than ice4j: ice4j 3.x keeps static thread
 * pools ({@code Agent.agentTasksScheduler}) alive after an agent is freed, reads its configuration (loopback
 * candidates, consent interval of 15 s) from process-global jitsi-metaconfig, and owns the socket with its own reader
 * threads, so the per-call socket and thread ownership asked for here is not achievable with it. No global setting
 * is used.
 */
public final class WebRtcTransport implements MediaTransport {
    private static final Logger LOG = LoggerFactory.getLogger(WebRtcTransport.class);
    private static final Duration GATHER_TIMEOUT = Duration.ofSeconds(2);

    private final WebRtcConfig config;
    private final MediaIo io;
    private final boolean ownIo;
    private final MediaIo.Registration channel;
    private final int port;
    private final SecureRandom random = new SecureRandom();
    private final IceParameters iceLocal;
    private final QueueDatagramTransport dtlsDatagrams;
    private final StunGatherer gatherer;
    private final Object sendLock = new Object();
    private final SrtpSession.Scratch sendScratch = new SrtpSession.Scratch();   // guarded by sendLock
    private final IceAgent agent;
    private final WebRtcLocal local;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean dtlsStarted = new AtomicBoolean();
    private final SrtpInbound inbound;
    private volatile WebRtcRemote remoteParams;
    private final CompletableFuture<Void> handshakeEnded = new CompletableFuture<>();
    private volatile DtlsSrtpSession dtls;
    private volatile SrtpSession srtp;
    private volatile InetSocketAddress remoteAddress;
    private volatile Scheduler.Cancellable checks;
    private volatile Scheduler.Cancellable connectTimer;
    private volatile Scheduler.Cancellable consent;
    private volatile long startNanos;
    private volatile long iceDoneNanos;
    private volatile long dtlsDoneNanos;

    private WebRtcTransport(WebRtcConfig config, DatagramChannel ch, int port, MediaIo io) throws IOException {
        this.config = config;
        this.port = port;
        this.io = io;
        this.ownIo = io != config.mediaIo();
        this.inbound = new SrtpInbound(port);
        this.iceLocal = IceParameters.random(random);
        this.dtlsDatagrams = new QueueDatagramTransport(this::sendRaw);
        this.gatherer = new StunGatherer(this::sendRaw, random);
        List<IceCandidate> candidates = new ArrayList<>(Candidates.host(port, config.bindAddress()));
        long prflx = IceCandidate.priority(110, 65535, 1);
        this.agent = new IceAgent(iceLocal, config.controlling(), prflx, new IceAgent.Host() {
            @Override
            public void send(byte[] datagram, InetSocketAddress to) {
                sendRaw(datagram, 0, datagram.length, to);
            }

            @Override
            public void valid(InetSocketAddress remote) {
                onValid(remote);
            }

            @Override
            public void selected(InetSocketAddress remote) {
                onSelected(remote);
            }
        }, random);
        this.channel = io.register(ch, this::dispatch);
        candidates.addAll(gatherer.gather(config.stunServers(), candidates, GATHER_TIMEOUT));
        this.local = new WebRtcLocal(iceLocal, candidates, "sha-256", config.identity().fingerprint("sha-256"));
    }

    /** Binds the socket and gathers host and server-reflexive candidates (blocking up to ~2 s per STUN server set). */
    public static WebRtcTransport create(WebRtcConfig config) throws IOException {
        AesFactory.ensureReady();
        DatagramChannel ch = bind(config);
        MediaIo io = null;
        try {
            int port = UdpChannels.port(ch);
            io = UdpChannels.io(config.mediaIo(), "webrtc", port, config.threadFactory());
            return new WebRtcTransport(config, ch, port, io);
        } catch (IOException | RuntimeException e) {
            ch.close();
            if (io != null && io != config.mediaIo()) {
                io.close();
            }
            throw e;
        }
    }

    /** Our ICE credentials, candidates (component 1 only: we require rtcp-mux) and DTLS fingerprint. */
    public WebRtcLocal local() {
        return local;
    }

    /** The local UDP port of the socket. */
    public int localPort() {
        return port;
    }

    /**
     * Runs ICE checks, the DTLS handshake in {@code remote.ourRole()}, verifies the peer's certificate fingerprint and
     * keys SRTP. Completes when media can flow; fails with a {@link MediaSecurityException} (ICE_FAILED, DTLS_FAILED,
     * FINGERPRINT_MISMATCH, CLOSED). A second call returns the same future.
     */
    public CompletableFuture<Void> start(WebRtcRemote remote) {
        if (!started.compareAndSet(false, true)) {
            return ready;
        }
        if (closed.get()) {
            fail(new MediaSecurityException(Reason.CLOSED, "transport on port " + port + " was closed before start"));
            return ready;
        }
        if (!remote.rtcpMux()) {
            LOG.warn("port {}: the peer did not offer rtcp-mux; RTCP is still sent multiplexed on the RTP port", port);
        }
        startNanos = System.nanoTime();
        List<IceCandidate> usable = new ArrayList<>();
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (IceCandidate c : remote.candidates()) {
            InetSocketAddress a = Candidates.remoteAddress(c);
            if (a != null) {
                usable.add(c);
                addresses.add(a);
            }
        }
        this.remoteParams = remote;
        agent.start(remote.ice(), usable, addresses);
        long timeoutMs = config.connectTimeout().toMillis();
        checks = io.scheduleWithFixedDelay(() -> agent.checkTick(System.nanoTime()), 0, 20, TimeUnit.MILLISECONDS);
        connectTimer = io.schedule(this::connectTimeout, timeoutMs, TimeUnit.MILLISECONDS);
        if (closed.get()) {
            cancelTimers();
        }
        return ready;
    }

    @Override
    public void sendRtp(byte[] plainRtp) {
        SrtpSession s = srtp;
        InetSocketAddress to = remoteAddress;
        if (s == null || to == null || closed.get()) {
            return;
        }
        synchronized (sendLock) {
            ByteBuffer p = s.protectRtp(plainRtp, sendScratch);
            if (p != null && channel.send(p, to)) {
                inbound.sent();
            }
        }
    }

    @Override
    public void sendRtcp(byte[] plainRtcp) {
        SrtpSession s = srtp;
        InetSocketAddress to = remoteAddress;
        if (s == null || to == null || closed.get()) {
            return;
        }
        byte[] p = s.protectRtcp(plainRtcp);
        if (p != null) {
            channel.send(p, to);
        }
    }

    @Override
    public void listener(MediaListener l) {
        inbound.listener(l);
    }

    @Override
    public Counters counters() {
        return inbound.counters();
    }

    /** Test hook: protects and sends like {@link #sendRtp}, returning the SRTP packet (null before ready). */
    byte[] protectAndSendRtpForTest(byte[] plainRtp) {
        byte[] p = protectRtpForTest(plainRtp);
        if (p != null && channel.send(p, remoteAddress)) {
            inbound.sent();
        }
        return p;
    }

    /** Test hook: protects without sending. */
    byte[] protectRtpForTest(byte[] plainRtp) {
        SrtpSession s = srtp;
        return s == null ? null : s.protectRtp(plainRtp);
    }

    /** Test hook: sends raw bytes to the selected remote. */
    void sendRawToRemoteForTest(byte[] datagram) {
        channel.send(datagram, remoteAddress);
    }

    /**
     * Milliseconds from start to the first usable ICE pair (valid, or selected if that came first), and from there to
     * DTLS completion (-1 while not reached); for diagnostics.
     */
    public long[] setupMillis() {
        long s = startNanos;
        long i = iceDoneNanos;
        long d = dtlsDoneNanos;
        return new long[] {i == 0 ? -1 : (i - s) / 1_000_000, d == 0 ? -1 : (d - i) / 1_000_000};
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        fail(new MediaSecurityException(Reason.CLOSED, "transport on port " + port + " closed during start"));
        cancelTimers();
        DtlsSrtpSession d = dtls;
        if (d != null) {
            d.close();
        }
        dtlsDatagrams.close();
        long t0 = System.nanoTime();
        channel.close();
        long t1 = System.nanoTime();
        awaitHandshakeEnd();
        SrtpSession s = srtp;
        if (s != null) {
            s.close();
        }
        if (ownIo) {
            io.close();
        }
        LOG.debug("port {}: closed ({}); deregistered in {} us, handshake ended {} us later", port, inbound.counters(),
                (t1 - t0) / 1000, (System.nanoTime() - t1) / 1000);
    }

    private void cancelTimers() {
        for (Scheduler.Cancellable t : new Scheduler.Cancellable[] {checks, connectTimer, consent}) {
            if (t != null) {
                t.cancel();
            }
        }
    }

    /** A handshake that started ends at once once its datagrams are closed; wait for it so close releases it. */
    private void awaitHandshakeEnd() {
        if (!dtlsStarted.get() || io.inIoThread()) {
            return;
        }
        try {
            handshakeEnded.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            LOG.debug("port {}: the DTLS handshake did not end within 2 s of close", port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "WebRtcTransport[port=" + port + ", remote=" + remoteAddress + ", ready=" + (srtp != null) + "]";
    }

    /**
     * The first valid pair, while the controlling agent has not nominated yet: DTLS starts on it at once (RFC 8445
     * 12.1 lets data flow on a valid pair before selection; browsers do the same), since a media relay may take its
     * time to nominate (rtpengine: about 100 ms after its check succeeded). Checks go on until a pair is selected.
     */
    private void onValid(InetSocketAddress remote) {
        LOG.debug("port {}: ICE pair to {} valid in {} ms; DTLS starts on it", port, remote,
                (System.nanoTime() - startNanos) / 1_000_000);
        usePair(remote);
    }

    private void onSelected(InetSocketAddress remote) {
        LOG.debug("port {}: ICE selected {} in {} ms", port, remote, (System.nanoTime() - startNanos) / 1_000_000);
        Scheduler.Cancellable c = checks;
        if (c != null) {
            c.cancel();
        }
        usePair(remote);
    }

    /** Media and DTLS go to {@code remote} from now on; the first usable pair ends ICE's part of the set-up time. */
    private void usePair(InetSocketAddress remote) {
        if (iceDoneNanos == 0) {
            iceDoneNanos = System.nanoTime();
        }
        remoteAddress = remote;
        dtlsDatagrams.remote(remote);
        maybeStartDtls();
    }

    /**
     * Queues the handshake on the MediaIo pool once ICE has a usable pair (valid or selected): at once as DTLS
     * client, and as server once the client's first flight is here, so a server handshake never holds a pool thread
     * waiting for a peer whose own handshake may be queued behind it.
     */
    private void maybeStartDtls() {
        WebRtcRemote r = remoteParams;
        if (remoteAddress == null || r == null || closed.get()
                || r.ourRole() == DtlsRole.SERVER && !dtlsDatagrams.hasQueued()) {
            return;
        }
        if (dtlsStarted.compareAndSet(false, true)) {
            try {
                io.blocking().execute(this::runDtls);
            } catch (RejectedExecutionException e) {
                handshakeEnded.complete(null);
                fail(new MediaSecurityException(Reason.CLOSED, "media I/O closed before the DTLS handshake on port " + port));
            }
        }
    }

    private void runDtls() {
        try {
            handshake();
        } finally {
            handshakeEnded.complete(null);
        }
    }

    private void handshake() {
        WebRtcRemote r = remoteParams;
        long remaining = config.connectTimeout().toNanos() - (System.nanoTime() - startNanos);
        DtlsSrtpSession session;
        try {
            session = DtlsSrtpSession.handshake(r.ourRole(), config.identity(), r.fingerprintAlgorithm(), r.fingerprint(),
                    dtlsDatagrams, Duration.ofNanos(Math.max(1_000_000, remaining)));
        } catch (MediaSecurityException e) {
            fail(closed.get() ? new MediaSecurityException(Reason.CLOSED, "transport on port " + port + " closed", e) : e);
            return;
        }
        dtlsDatagrams.nonBlocking();   // from here on DTLS records are processed on the I/O thread
        dtls = session;
        if (closed.get()) {
            session.close();
            return;
        }
        srtp = new SrtpSession(session.keys());
        dtlsDoneNanos = System.nanoTime();
        LOG.debug("port {}: DTLS done in {} ms, {}", port, (dtlsDoneNanos - iceDoneNanos) / 1_000_000, session.keys());
        ready.complete(null);
        channel.batchReads();   // media is up: read with the other calls every batch interval, not per datagram
        scheduleConsent();
        io.execute(this::serviceDtls);   // records that came while the handshake ended
    }

    /** On the I/O thread: processes queued DTLS records (a retransmitted final flight, alerts) without waiting. */
    private void serviceDtls() {
        DtlsSrtpSession d = dtls;
        if (d != null && !closed.get() && !d.servicePending()) {
            LOG.debug("port {}: the DTLS association was closed by the peer", port);
        }
    }

    private void scheduleConsent() {
        long base = config.consentInterval().toNanos();
        long delay = (long) (base * (0.8 + 0.4 * random.nextDouble()));
        if (!closed.get()) {
            consent = io.schedule(this::consentCheck, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void consentCheck() {
        if (closed.get()) {
            return;
        }
        long silent = agent.consentTick(System.nanoTime());
        if (silent > config.consentTimeout().toNanos()) {
            srtp = null;
            MediaListener l = inbound.listener();
            MediaSecurityException e = new MediaSecurityException(Reason.CONSENT_LOST, "no STUN consent answer from "
                    + remoteAddress + " for " + silent / 1_000_000 + " ms on port " + port);
            LOG.info("{}", e.getMessage());
            if (l != null) {
                l.onFailure(e);
            }
            return;
        }
        scheduleConsent();
    }

    private void connectTimeout() {
        if (ready.isDone()) {
            return;
        }
        if (agent.selected() == null) {
            fail(new MediaSecurityException(Reason.ICE_FAILED, "no ICE candidate pair nominated within "
                    + config.connectTimeout().toMillis() + " ms on port " + port + ": " + agent.describe()));
            Scheduler.Cancellable c = checks;
            if (c != null) {
                c.cancel();
            }
        } else if (!dtlsStarted.get()) {
            fail(new MediaSecurityException(Reason.DTLS_FAILED, "no DTLS ClientHello from " + remoteAddress
                    + " within " + config.connectTimeout().toMillis() + " ms on port " + port));
        }
        // otherwise the DTLS handshake has its own timeout, the remaining part of the connect timeout
    }

    private void fail(MediaSecurityException e) {
        if (ready.completeExceptionally(e)) {
            LOG.debug("port {}: start failed: {}", port, e.getMessage());
        }
    }

    private void dispatch(byte[] buf, int len, InetSocketAddress from) {
        int first = len == 0 ? -1 : buf[0] & 0xff;
        if (first >= 0 && first <= 3) {
            if (!StunMessage.looksLikeStun(buf, 0, len)) {
                inbound.dropped();
                return;
            }
            StunMessage m;
            try {
                m = StunMessage.parse(buf, 0, len);
            } catch (StunParseException e) {
                inbound.dropped();
                return;
            }
            if (!gatherer.onResponse(m)) {
                agent.onStun(m, from, System.nanoTime());
            }
        } else if (first >= 20 && first <= 63) {
            dtlsDatagrams.offer(java.util.Arrays.copyOf(buf, len));
            if (dtls != null) {
                serviceDtls();
            } else if (!dtlsStarted.get()) {
                maybeStartDtls();
            }
        } else if (first >= 128 && first <= 191 && len >= 2) {
            receiveSrtp(buf, len);
        } else {
            inbound.dropped();
        }
    }

    private void receiveSrtp(byte[] buf, int len) {
        int pt = buf[1] & 0x7f;
        inbound.receive(srtp, buf, len, pt >= 64 && pt <= 95, () -> { });
    }

    private boolean sendRaw(byte[] datagram, int offset, int length, InetSocketAddress to) {
        return channel.send(ByteBuffer.wrap(datagram, offset, length), to);
    }

    private static DatagramChannel bind(WebRtcConfig config) throws IOException {
        InetAddress addr = config.bindAddress();
        if (config.minPort() == 0 && config.maxPort() == 0) {
            return UdpChannels.bind(addr, 0);
        }
        IOException last = null;
        for (int p = Math.max(1, config.minPort()); p <= config.maxPort(); p++) {
            try {
                return UdpChannels.bind(addr, p);
            } catch (IOException e) {
                last = e;
            }
        }
        throw new IOException("no free UDP port in " + config.minPort() + ".." + config.maxPort()
                + (addr == null ? "" : " on " + addr.getHostAddress()), last);
    }
}
