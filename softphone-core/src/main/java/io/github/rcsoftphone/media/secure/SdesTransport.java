package io.github.rcsoftphone.media.secure;

import io.github.rcsoftphone.media.secure.MediaSecurityException.Reason;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
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
 * <p>Threads: one receive thread per open socket ({@code sdes-<port>-rtp}, {@code sdes-<port>-rtcp}), started by
 * start, ended by {@link #close()}; the RTP thread also paces keep-alives (socket timeout), so there is no timer.
 */
public final class SdesTransport implements MediaTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SdesTransport.class);
    private static final int BIND_ATTEMPTS = 64;

    private final SdesConfig config;
    private final DatagramSocket rtpSocket;
    private final DatagramSocket rtcpSocket;
    private final int port;
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
    private volatile Thread rtpThread;
    private volatile Thread rtcpThread;

    private SdesTransport(SdesConfig config, DatagramSocket rtp, DatagramSocket rtcp) {
        this.config = config;
        this.rtpSocket = rtp;
        this.rtcpSocket = rtcp;
        this.port = rtp.getLocalPort();
        this.inbound = new SrtpInbound(port);
        this.defaultSsrc = new SecureRandom().nextInt();
        this.lastSsrc = defaultSsrc;
    }

    /** Binds the RTP socket and the RTCP socket on the next port; no thread runs until start. */
    public static SdesTransport create(SdesConfig config) throws IOException {
        AesFactory.ensureReady();
        DatagramSocket[] pair = bindPair(config);
        return new SdesTransport(config, pair[0], pair[1]);
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
     * Keys SRTP, starts the receive threads and sends the first keep-alive. The future is already complete (SDES needs
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
            if (mux) {
                rtcpSocket.close();
            } else {
                rtcpThread = named(() -> receiveLoop(rtcpSocket, false), "rtcp");
                rtcpThread.start();
            }
            rtpThread = named(() -> receiveLoop(rtpSocket, true), "rtp");
            rtpThread.start();
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
        byte[] p = s.protectRtp(plainRtp);
        if (p != null && send(rtpSocket, p, remoteRtp)) {
            lastSsrc = StunMessage.readInt(plainRtp, 8);
            inbound.sent();
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
        rtpSocket.close();
        rtcpSocket.close();
        SrtpInbound.join(rtpThread);
        SrtpInbound.join(rtcpThread);
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
        return mux ? send(rtpSocket, srtcp, remoteRtp) : send(rtcpSocket, srtcp, remoteRtcp);
    }

    private void receiveLoop(DatagramSocket socket, boolean rtpPort) {
        long keepAliveNanos = config.keepAlive().toNanos();
        if (rtpPort && keepAliveNanos > 0) {
            try {
                socket.setSoTimeout((int) Math.max(10, Math.min(1000, keepAliveNanos / 4_000_000)));
            } catch (SocketException e) {
                LOG.debug("port {}: cannot set a socket timeout: {}", port, e.toString());
            }
        }
        byte[] buf = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (!closed.get()) {
            boolean got;
            try {
                packet.setLength(buf.length);
                socket.receive(packet);
                got = true;
            } catch (SocketTimeoutException e) {
                got = false;
            } catch (IOException e) {
                if (!closed.get()) {
                    LOG.warn("port {}: receive on {} failed, stopping: {}", port, socket.getLocalPort(), e.toString());
                }
                return;
            }
            if (got) {
                try {
                    receive(buf, packet.getLength(), (InetSocketAddress) packet.getSocketAddress(), rtpPort);
                } catch (RuntimeException e) {
                    inbound.dropped();
                    LOG.warn("port {}: dropped a datagram after an unexpected error", port, e);
                }
            }
            if (rtpPort && keepAliveNanos > 0 && System.nanoTime() - lastSendNanos >= keepAliveNanos) {
                sendKeepAlive();
            }
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

    private boolean send(DatagramSocket socket, byte[] datagram, InetSocketAddress to) {
        if (to == null) {
            return false;
        }
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, to));
            lastSendNanos = System.nanoTime();
            return true;
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.debug("port {}: send to {} failed: {}", port, to, e.toString());
            }
            return false;
        }
    }

    private Thread named(Runnable r, String role) {
        return SrtpInbound.named(config.threadFactory(), r, "sdes", port, role);
    }

    /** An RTP socket and the RTCP socket on the next port (RTP even within a configured range, RFC 3550 11). */
    private static DatagramSocket[] bindPair(SdesConfig config) throws IOException {
        InetAddress addr = config.bindAddress();
        IOException last = null;
        if (config.minPort() == 0 && config.maxPort() == 0) {
            for (int i = 0; i < BIND_ATTEMPTS; i++) {
                DatagramSocket rtp = new DatagramSocket(new InetSocketAddress(addr, 0));
                int p = rtp.getLocalPort();
                if (p < 65535) {
                    try {
                        return new DatagramSocket[] {rtp, new DatagramSocket(new InetSocketAddress(addr, p + 1))};
                    } catch (SocketException e) {
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
            DatagramSocket rtp;
            try {
                rtp = new DatagramSocket(new InetSocketAddress(addr, p));
            } catch (SocketException e) {
                last = e;
                continue;
            }
            try {
                return new DatagramSocket[] {rtp, new DatagramSocket(new InetSocketAddress(addr, p + 1))};
            } catch (SocketException e) {
                last = e;
                rtp.close();
            }
        }
        throw new IOException("no free pair of UDP ports (even RTP, odd RTCP) in " + config.minPort() + ".."
                + config.maxPort() + (addr == null ? "" : " on " + addr.getHostAddress()), last);
    }
}
