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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SRTP/SRTCP keyed by SDES (RFC 4568) over plain UDP, without ICE or DTLS: the RingCentral "TLS device" media path.
 *
 * <p>{@link #create} binds an RTP socket and the RTCP socket on RTP port + 1 (so either rtcp-mux or a separate RTCP
 * port can be offered or answered); {@link #start(SdesRemote)} closes the RTCP socket when rtcp-mux was agreed.
 *
 * <p>Symmetric RTP: packets go to the SDP address first; when an <em>authenticated</em> packet arrives from another
 * address (NAT, or the SDP showed a private address) sending switches there (latching), per socket, logged once per
 * change. Forged, tampered and replayed packets never move the destination. Packets shorter than an RTP header
 * (RingCentral's stray 4-byte packets), non-RTP bytes and everything before start are dropped and counted.
 *
 * <p>Keep-alive: when nothing was sent for {@link SdesConfig#keepAlive()}, an SRTCP empty receiver report (with the
 * SSRC of our last RTP packet) goes out on the RTCP path, so the media server keeps its latch and does not end a
 * silent call; one is also sent at start so the server can latch before our first audio (none when the
 * keep-alive interval is zero).
 *
 * <p>Threads: none of its own. From start, both sockets are non-blocking channels on the {@link MediaIo} of
 * {@link SdesConfig#mediaIo()} (one I/O thread shared by all calls: SRTP unprotect, latching, listener callbacks),
 * and a MediaIo timer paces keep-alives. Without a configured MediaIo the transport makes its own
 * ({@code sdes-<port>-io}, from {@link SdesConfig#threadFactory()}) and closes it with itself.
 */
public final class SdesTransport implements MediaTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SdesTransport.class);
    private static final int BIND_ATTEMPTS = 64;

    private final SdesConfig config;
    private final DatagramChannel rtpSocket;
    private final DatagramChannel rtcpSocket;
    private final int port;
    private final Object sendLock = new Object();
    private final SrtpSession.Scratch sendScratch = new SrtpSession.Scratch();   // guarded by sendLock
    private volatile MediaIo io;
    private volatile MediaIo.Registration rtpChannel;
    private volatile MediaIo.Registration rtcpChannel;
    private volatile Scheduler.Cancellable keepAliveTimer;
    private final int defaultSsrc;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final SrtpInbound inbound;
    private final AtomicLong keepAlivesSent = new AtomicLong();
    private volatile SrtpSession srtp;
    private volatile boolean mux;
    private volatile InetSocketAddress remoteRtp;
    private volatile InetSocketAddress remoteRtcp;
    private volatile long lastSendNanos;
    private volatile int lastSsrc;

    private SdesTransport(SdesConfig config, DatagramChannel rtp, DatagramChannel rtcp, int port) {
        this.config = config;
        this.rtpSocket = rtp;
        this.rtcpSocket = rtcp;
        this.port = port;
        this.inbound = new SrtpInbound(port);
        this.defaultSsrc = new SecureRandom().nextInt();
        this.lastSsrc = defaultSsrc;
    }

    /** Binds the RTP socket and the RTCP socket on the next port; no thread runs until start. */
    public static SdesTransport create(SdesConfig config) throws IOException {
        AesFactory.ensureReady();
        DatagramChannel[] pair = bindPair(config);
        return new SdesTransport(config, pair[0], pair[1], UdpChannels.port(pair[0]));
    }

    /** The local RTP port (the m= port). */
    public int localPort() {
        return port;
    }

    /** The local RTCP port (RTP port + 1); unused after start with rtcp-mux. */
    public int localRtcpPort() {
        return port + 1;
    }

    /** Where RTP goes now: the SDP address, or the latched source of authenticated packets; null before start. */
    public InetSocketAddress remoteRtpAddress() {
        return remoteRtp;
    }

    /** Where RTCP goes now (the RTP address with rtcp-mux); null before start. */
    public InetSocketAddress remoteRtcpAddress() {
        return mux ? remoteRtp : remoteRtcp;
    }

    /** Keep-alive packets sent so far. */
    public long keepAlivesSent() {
        return keepAlivesSent.get();
    }

    /**
     * Keys SRTP, starts receiving on the MediaIo and sends the first keep-alive. The future is already complete (SDES needs
     * no handshake), or failed with {@link Reason#CLOSED} after close. A second call returns the same future.
     */
    public CompletableFuture<Void> start(SdesRemote remote) {
        if (!started.compareAndSet(false, true)) {
            return ready;
        }
        synchronized (this) {
            if (closed.get()) {
                ready.completeExceptionally(new MediaSecurityException(Reason.CLOSED,
                        "SDES transport on port " + port + " was closed before start"));
                return ready;
            }
            mux = remote.rtcpMux();
            remoteRtp = remote.rtp();
            remoteRtcp = remote.rtcp();
            srtp = new SrtpSession(remote.keys());
            try {
                listen();
            } catch (IOException e) {
                ready.completeExceptionally(new MediaSecurityException(Reason.CLOSED,
                        "SDES transport on port " + port + " cannot receive: " + e.getMessage(), e));
                return ready;
            }
        }
        LOG.debug("port {}: SDES {} to {}, rtcp {}", port, remote.profile(), remote.rtp(), mux ? "mux" : remote.rtcp());
        if (!config.keepAlive().isZero()) {
            sendKeepAlive();
        }
        ready.complete(null);
        return ready;
    }

    @Override
    public void sendRtp(byte[] plainRtp) {
        SrtpSession s = srtp;
        if (s == null || closed.get()) {
            return;
        }
        synchronized (sendLock) {
            ByteBuffer p = s.protectRtp(plainRtp, sendScratch);
            if (p != null && send(rtpChannel, p, remoteRtp)) {
                lastSsrc = StunMessage.readInt(plainRtp, 8);
                inbound.sent();
            }
        }
    }

    @Override
    public void sendRtcp(byte[] plainRtcp) {
        SrtpSession s = srtp;
        if (s == null || closed.get()) {
            return;
        }
        byte[] p = s.protectRtcp(plainRtcp);
        if (p != null) {
            sendRtcpRaw(p);
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

    @Override
    public void close() {
        synchronized (this) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
        }
        ready.completeExceptionally(new MediaSecurityException(Reason.CLOSED, "SDES transport on port " + port + " closed"));
        Scheduler.Cancellable t = keepAliveTimer;
        if (t != null) {
            t.cancel();
        }
        for (MediaIo.Registration r : new MediaIo.Registration[] {rtpChannel, rtcpChannel}) {
            if (r != null) {
                r.close();
            }
        }
        closeQuietly(rtpSocket);
        closeQuietly(rtcpSocket);
        MediaIo own = io;
        if (own != null && own != config.mediaIo()) {
            own.close();
        }
        SrtpSession s = srtp;
        if (s != null) {
            s.close();
        }
        LOG.debug("port {}: closed, {}", port, counters());
    }

    @Override
    public String toString() {
        return "SdesTransport[port=" + port + ", remote=" + remoteRtp + ", rtcp=" + (mux ? "mux" : remoteRtcp) + "]";
    }

    /** Sends an SRTCP empty receiver report (RFC 3550 6.4.2) for our SSRC on the RTCP path. */
    private void sendKeepAlive() {
        SrtpSession s = srtp;
        if (s == null || closed.get()) {
            return;
        }
        byte[] rr = new byte[8];
        rr[0] = (byte) 0x80;
        rr[1] = (byte) 201;
        rr[3] = 1;
        StunMessage.writeInt(rr, 4, lastSsrc);
        byte[] p = s.protectRtcp(rr);
        if (p != null && sendRtcpRaw(p)) {
            keepAlivesSent.incrementAndGet();
        }
    }

    private boolean sendRtcpRaw(byte[] srtcp) {
        ByteBuffer b = ByteBuffer.wrap(srtcp);
        return mux ? send(rtpChannel, b, remoteRtp) : send(rtcpChannel, b, remoteRtcp);
    }

    /** Under the lock in start: the channels go on the MediaIo (the RTCP one is closed with rtcp-mux), keep-alives. */
    private void listen() throws IOException {
        MediaIo shared = config.mediaIo();
        io = UdpChannels.io(shared, "sdes", port, config.threadFactory());
        if (mux) {
            closeQuietly(rtcpSocket);
        } else {
            rtcpChannel = io.register(rtcpSocket, (buf, len, from) -> receive(buf, len, from, false));
        }
        rtpChannel = io.register(rtpSocket, (buf, len, from) -> receive(buf, len, from, true));
        rtpChannel.batchReads(); // keyed already: media is up, read with the other calls every batch interval
        if (rtcpChannel != null) {
            rtcpChannel.batchReads();
        }
        long keepAliveNanos = config.keepAlive().toNanos();
        if (keepAliveNanos > 0) {
            long every = Math.max(10_000_000L, Math.min(1_000_000_000L, keepAliveNanos / 4));
            keepAliveTimer = io.scheduleWithFixedDelay(() -> {
                if (System.nanoTime() - lastSendNanos >= keepAliveNanos) {
                    sendKeepAlive();
                }
            }, every, every, TimeUnit.NANOSECONDS);
        }
    }

    private void receive(byte[] buf, int len, InetSocketAddress from, boolean rtpPort) {
        SrtpSession s = srtp;
        // RTCP is at least 8 bytes + SRTCP index; RTP at least a 12-byte header; version must be 2
        if (s == null || len < 12 || (buf[0] & 0xC0) != 0x80) {
            inbound.dropped();
            return;
        }
        int pt = buf[1] & 0x7f;
        inbound.receive(s, buf, len, !rtpPort || pt >= 64 && pt <= 95, () -> latch(from, rtpPort));
    }

    private void latch(InetSocketAddress from, boolean rtpPort) {
        if (rtpPort) {
            InetSocketAddress old = remoteRtp;
            if (!from.equals(old)) {
                remoteRtp = from;
                LOG.info("port {}: authenticated media from {}, sending RTP{} there instead of {}", port, from,
                        mux ? "/RTCP" : "", old);
            }
        } else {
            InetSocketAddress old = remoteRtcp;
            if (!from.equals(old)) {
                remoteRtcp = from;
                LOG.info("port {}: authenticated RTCP from {}, sending RTCP there instead of {}", port, from, old);
            }
        }
    }

    private boolean send(MediaIo.Registration channel, ByteBuffer datagram, InetSocketAddress to) {
        if (to == null || channel == null || !channel.send(datagram, to)) {
            return false;
        }
        lastSendNanos = System.nanoTime();
        return true;
    }

    private static void closeQuietly(DatagramChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    /** An RTP socket and the RTCP socket on the next port (RTP even within a configured range, RFC 3550 11). */
    private static DatagramChannel[] bindPair(SdesConfig config) throws IOException {
        InetAddress addr = config.bindAddress();
        IOException last = null;
        if (config.minPort() == 0 && config.maxPort() == 0) {
            for (int i = 0; i < BIND_ATTEMPTS; i++) {
                DatagramChannel rtp = UdpChannels.bind(addr, 0);
                int p = UdpChannels.port(rtp);
                if (p < 65535) {
                    try {
                        return new DatagramChannel[] {rtp, UdpChannels.bind(addr, p + 1)};
                    } catch (IOException e) {
                        last = e;
                    }
                }
                rtp.close();
            }
            throw new IOException("no free pair of adjacent UDP ports after " + BIND_ATTEMPTS + " attempts"
                    + (addr == null ? "" : " on " + addr.getHostAddress()), last);
        }
        int first = Math.max(2, config.minPort() + (config.minPort() & 1));
        for (int p = first; p + 1 <= config.maxPort(); p += 2) {
            DatagramChannel rtp;
            try {
                rtp = UdpChannels.bind(addr, p);
            } catch (IOException e) {
                last = e;
                continue;
            }
            try {
                return new DatagramChannel[] {rtp, UdpChannels.bind(addr, p + 1)};
            } catch (IOException e) {
                last = e;
                rtp.close();
            }
        }
        throw new IOException("no free pair of UDP ports (even RTP, odd RTCP) in " + config.minPort() + ".."
                + config.maxPort() + (addr == null ? "" : " on " + addr.getHostAddress()), last);
    }
}
