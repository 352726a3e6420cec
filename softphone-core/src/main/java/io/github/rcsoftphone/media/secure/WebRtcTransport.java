package io.github.rcsoftphone.media.secure;

import io.github.rcsoftphone.media.secure.MediaSecurityException.Reason;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A WebRTC media path for one call: ICE, then DTLS-SRTP, then SRTP/SRTCP with rtcp-mux, all on one UDP socket
 * demultiplexed by first byte (RFC 7983: 0-3 STUN, 20-63 DTLS, 128-191 RTP/RTCP; RTCP by payload type 64-95 as in
 * RFC 5761).
 *
 * <p>Threads (all from {@link WebRtcConfig#threadFactory()}, renamed {@code webrtc-<port>-recv|ice|dtls}, all ended
 * by {@link #close()}): one receive thread (demux, STUN answers, SRTP unprotect, listener callbacks), one timer
 * thread (ICE check pacing, connect timeout, consent freshness), one DTLS thread from ICE success to close.
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
    private final DatagramSocket socket;
    private final int port;
    private final SecureRandom random = new SecureRandom();
    private final IceParameters iceLocal;
    private final QueueDatagramTransport dtlsDatagrams;
    private final ScheduledThreadPoolExecutor timer;
    private final Thread receiver;
    private final StunGatherer gatherer;
    private final IceAgent agent;
    private final WebRtcLocal local;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean dtlsStarted = new AtomicBoolean();
    private final SrtpInbound inbound;
    private volatile WebRtcRemote remoteParams;
    private volatile Thread dtlsThread;
    private volatile DtlsSrtpSession dtls;
    private volatile SrtpSession srtp;
    private volatile InetSocketAddress remoteAddress;
    private volatile ScheduledFuture<?> checks;
    private volatile ScheduledFuture<?> consent;
    private volatile long startNanos;
    private volatile long iceDoneNanos;
    private volatile long dtlsDoneNanos;

    private WebRtcTransport(WebRtcConfig config, DatagramSocket socket) throws IOException {
        this.config = config;
        this.socket = socket;
        this.port = socket.getLocalPort();
        this.inbound = new SrtpInbound(port);
        this.iceLocal = IceParameters.random(random);
        this.dtlsDatagrams = new QueueDatagramTransport(socket);
        this.timer = new ScheduledThreadPoolExecutor(1, r -> named(r, "ice"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.gatherer = new StunGatherer(socket, random);
        List<IceCandidate> candidates = new ArrayList<>(Candidates.host(socket, config.bindAddress()));
        long prflx = IceCandidate.priority(110, 65535, 1);
        this.agent = new IceAgent(iceLocal, config.controlling(), prflx, new IceAgent.Host() {
            @Override
            public void send(byte[] datagram, InetSocketAddress to) {
                sendRaw(datagram, to);
            }

            @Override
            public void selected(InetSocketAddress remote) {
                onSelected(remote);
            }
        }, random);
        this.receiver = named(this::receiveLoop, "recv");
        receiver.start();
        candidates.addAll(gatherer.gather(config.stunServers(), candidates, GATHER_TIMEOUT));
        this.local = new WebRtcLocal(iceLocal, candidates, "sha-256", config.identity().fingerprint("sha-256"));
    }

    /** Binds the socket and gathers host and server-reflexive candidates (blocking up to ~2 s per STUN server set). */
    public static WebRtcTransport create(WebRtcConfig config) throws IOException {
        AesFactory.ensureReady();
        DatagramSocket socket = bind(config);
        try {
            return new WebRtcTransport(config, socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
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
        try {
            checks = timer.scheduleWithFixedDelay(() -> agent.checkTick(System.nanoTime()), 0, 20, TimeUnit.MILLISECONDS);
            timer.schedule(this::connectTimeout, timeoutMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            fail(new MediaSecurityException(Reason.CLOSED, "transport on port " + port + " was closed"));
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
        byte[] p = s.protectRtp(plainRtp);
        if (p != null && sendRaw(p, to)) {
            inbound.sent();
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
            sendRaw(p, to);
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
        if (p != null && sendRaw(p, remoteAddress)) {
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
        sendRaw(datagram, remoteAddress);
    }

    /** Milliseconds from start to ICE selection and to DTLS completion (-1 while not reached); for diagnostics. */
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
        timer.shutdownNow();
        DtlsSrtpSession d = dtls;
        if (d != null) {
            d.close();
        }
        dtlsDatagrams.close();
        socket.close();
        SrtpSession s = srtp;
        if (s != null) {
            s.close();
        }
        long t0 = System.nanoTime();
        SrtpInbound.join(receiver);
        long t1 = System.nanoTime();
        SrtpInbound.join(dtlsThread);
        LOG.debug("port {}: closed ({}); joined receiver in {} us, dtls in {} us", port, inbound.counters(), (t1 - t0) / 1000,
                (System.nanoTime() - t1) / 1000);
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "WebRtcTransport[port=" + port + ", remote=" + remoteAddress + ", ready=" + (srtp != null) + "]";
    }

    private void onSelected(InetSocketAddress remote) {
        iceDoneNanos = System.nanoTime();
        LOG.debug("port {}: ICE selected {} in {} ms", port, remote, (iceDoneNanos - startNanos) / 1_000_000);
        ScheduledFuture<?> c = checks;
        if (c != null) {
            c.cancel(false);
        }
        remoteAddress = remote;
        dtlsDatagrams.remote(remote);
        if (dtlsStarted.compareAndSet(false, true) && !closed.get()) {
            Thread t = named(this::runDtls, "dtls");
            dtlsThread = t;
            t.start();
        }
    }

    private void runDtls() {
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
        dtls = session;
        if (closed.get()) {
            session.close();
            return;
        }
        srtp = new SrtpSession(session.keys());
        dtlsDoneNanos = System.nanoTime();
        LOG.debug("port {}: DTLS done in {} ms, {}", port, (dtlsDoneNanos - iceDoneNanos) / 1_000_000, session.keys());
        ready.complete(null);
        scheduleConsent();
        while (!closed.get() && session.serviceIncoming(1000)) {
            // handles a retransmitted final flight and alerts until close
        }
    }

    private void scheduleConsent() {
        long base = config.consentInterval().toNanos();
        long delay = (long) (base * (0.8 + 0.4 * random.nextDouble()));
        try {
            consent = timer.schedule(this::consentCheck, delay, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closed
        }
    }

    private void consentCheck() {
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
            ScheduledFuture<?> c = checks;
            if (c != null) {
                c.cancel(false);
            }
        }
        // otherwise the DTLS handshake has its own timeout, the remaining part of the connect timeout
    }

    private void fail(MediaSecurityException e) {
        if (ready.completeExceptionally(e)) {
            LOG.debug("port {}: start failed: {}", port, e.getMessage());
        }
    }

    private void receiveLoop() {
        byte[] buf = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!closed.get()) {
            try {
                packet.setLength(buf.length);
                socket.receive(packet);
            } catch (IOException e) {
                if (!closed.get()) {
                    LOG.warn("port {}: receive failed, stopping: {}", port, e.toString());
                }
                return;
            }
            try {
                dispatch(buf, packet.getLength(), (InetSocketAddress) packet.getSocketAddress());
            } catch (RuntimeException e) {
                inbound.dropped();
                LOG.warn("port {}: dropped a datagram after an unexpected error", port, e);
            }
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

    private boolean sendRaw(byte[] datagram, InetSocketAddress to) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
            return true;
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.debug("port {}: send to {} failed: {}", port, to, e.toString());
            }
            return false;
        }
    }

    private Thread named(Runnable r, String role) {
        return SrtpInbound.named(config.threadFactory(), r, "webrtc", port, role);
    }

    private static DatagramSocket bind(WebRtcConfig config) throws IOException {
        InetAddress addr = config.bindAddress();
        if (config.minPort() == 0 && config.maxPort() == 0) {
            return addr == null ? new DatagramSocket(0) : new DatagramSocket(0, addr);
        }
        SocketException last = null;
        for (int p = Math.max(1, config.minPort()); p <= config.maxPort(); p++) {
            try {
                return addr == null ? new DatagramSocket(p) : new DatagramSocket(p, addr);
            } catch (SocketException e) {
                last = e;
            }
        }
        throw new IOException("no free UDP port in " + config.minPort() + ".." + config.maxPort()
                + (addr == null ? "" : " on " + addr.getHostAddress()), last);
    }
}
