package io.github.rcsoftphone.media.secure;

import io.github.rcsoftphone.media.net.MediaIo;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Settings for one {@link WebRtcTransport}.
 *
 * @param identity        our DTLS certificate (one per softphone, shared by its calls)
 * @param controlling     whether we start as the ICE controlling agent (we nominate)
 * @param stunServers     STUN servers asked for a server-reflexive candidate while gathering (may be empty)
 * @param bindAddress     the local address to bind, or null for all local addresses
 * @param minPort         lowest local UDP port to try (0 with maxPort 0: any ephemeral port)
 * @param maxPort         highest local UDP port to try
 * @param connectTimeout  limit for ICE plus the DTLS handshake
 * @param threadFactory   makes the threads of a transport's own {@link MediaIo} when {@code mediaIo} is null
 *                        (renamed "webrtc-&lt;port&gt;-io")
 * @param consentInterval period of RFC 7675 consent checks once ready (randomised by +-20%)
 * @param consentTimeout  no consent answer for this long fails the transport with CONSENT_LOST
 * @param mediaIo         the shared I/O thread and timers of the transports (not closed by them), or null: each
 *                        transport makes its own and closes it with itself
 */
public record WebRtcConfig(DtlsIdentity identity, boolean controlling, List<InetSocketAddress> stunServers,
                           InetAddress bindAddress, int minPort, int maxPort, Duration connectTimeout,
                           ThreadFactory threadFactory, Duration consentInterval, Duration consentTimeout,
                           MediaIo mediaIo) {
    public WebRtcConfig {
        Objects.requireNonNull(identity, "identity");
        stunServers = List.copyOf(stunServers);
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(threadFactory, "threadFactory");
        Objects.requireNonNull(consentInterval, "consentInterval");
        Objects.requireNonNull(consentTimeout, "consentTimeout");
        if (minPort < 0 || maxPort > 65535 || minPort > maxPort) {
            throw new IllegalArgumentException("bad port range " + minPort + ".." + maxPort);
        }
    }

    /** The 10-argument form from before {@code mediaIo}: each transport has its own. */
    public WebRtcConfig(DtlsIdentity identity, boolean controlling, List<InetSocketAddress> stunServers,
                        InetAddress bindAddress, int minPort, int maxPort, Duration connectTimeout,
                        ThreadFactory threadFactory, Duration consentInterval, Duration consentTimeout) {
        this(identity, controlling, stunServers, bindAddress, minPort, maxPort, connectTimeout, threadFactory,
                consentInterval, consentTimeout, null);
    }

    /** The brief's 8-argument form: consent checks every 5 s, lost after 30 s (RFC 7675). */
    public WebRtcConfig(DtlsIdentity identity, boolean controlling, List<InetSocketAddress> stunServers,
                        InetAddress bindAddress, int minPort, int maxPort, Duration connectTimeout, ThreadFactory threadFactory) {
        this(identity, controlling, stunServers, bindAddress, minPort, maxPort, connectTimeout, threadFactory,
                Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** No STUN servers, all local addresses, ephemeral port, 10 s connect timeout, daemon platform threads. */
    public static WebRtcConfig defaults(DtlsIdentity id, boolean controlling) {
        return new WebRtcConfig(id, controlling, List.of(), null, 0, 0, Duration.ofSeconds(10), daemonThreads());
    }

    public WebRtcConfig withBindAddress(InetAddress address) {
        return new WebRtcConfig(identity, controlling, stunServers, address, minPort, maxPort, connectTimeout,
                threadFactory, consentInterval, consentTimeout, mediaIo);
    }

    public WebRtcConfig withStunServers(List<InetSocketAddress> servers) {
        return new WebRtcConfig(identity, controlling, servers, bindAddress, minPort, maxPort, connectTimeout,
                threadFactory, consentInterval, consentTimeout, mediaIo);
    }

    /** The same settings with the given ICE role (the offerer of a call is controlling). */
    public WebRtcConfig withControlling(boolean isControlling) {
        return new WebRtcConfig(identity, isControlling, stunServers, bindAddress, minPort, maxPort, connectTimeout,
                threadFactory, consentInterval, consentTimeout, mediaIo);
    }

    public WebRtcConfig withConnectTimeout(Duration timeout) {
        return new WebRtcConfig(identity, controlling, stunServers, bindAddress, minPort, maxPort, timeout,
                threadFactory, consentInterval, consentTimeout, mediaIo);
    }

    public WebRtcConfig withConsent(Duration interval, Duration timeout) {
        return new WebRtcConfig(identity, controlling, stunServers, bindAddress, minPort, maxPort, connectTimeout,
                threadFactory, interval, timeout, mediaIo);
    }

    /** The same settings with transports on the shared {@code io} (null: each transport has its own). */
    public WebRtcConfig withMediaIo(MediaIo io) {
        return new WebRtcConfig(identity, controlling, stunServers, bindAddress, minPort, maxPort, connectTimeout,
                threadFactory, consentInterval, consentTimeout, io);
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "webrtc-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
