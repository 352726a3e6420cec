package io.github.rcsoftphone.media.secure;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Settings for one {@link SdesTransport}.
 *
 * @param bindAddress   the local address to bind, or null for all local addresses
 * @param minPort       lowest local UDP port for RTP (0 with maxPort 0: any ephemeral port); RTCP takes RTP port + 1
 * @param maxPort       highest local UDP port (RTCP included)
 * @param keepAlive     when nothing went out for this long, a keep-alive (an SRTCP receiver report) is sent so the
 *                      media server keeps its latch and does not end a silent call; zero disables
 * @param threadFactory makes the receive threads (renamed {@code sdes-<port>-rtp|rtcp})
 */
public record SdesConfig(InetAddress bindAddress, int minPort, int maxPort, Duration keepAlive, ThreadFactory threadFactory) {
    public SdesConfig {
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(threadFactory, "threadFactory");
        if (keepAlive.isNegative()) {
            throw new IllegalArgumentException("negative keepAlive " + keepAlive);
        }
        if (minPort < 0 || maxPort > 65535 || minPort > maxPort || maxPort != 0 && maxPort - minPort < 1) {
            throw new IllegalArgumentException("bad port range " + minPort + ".." + maxPort + " (need two ports)");
        }
    }

    /** All local addresses, ephemeral ports, keep-alive after 5 s of silence, daemon platform threads. */
    public static SdesConfig defaults() {
        AtomicInteger n = new AtomicInteger();
        return new SdesConfig(null, 0, 0, Duration.ofSeconds(5), r -> {
            Thread t = new Thread(r, "sdes-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public SdesConfig withBindAddress(InetAddress address) {
        return new SdesConfig(address, minPort, maxPort, keepAlive, threadFactory);
    }

    public SdesConfig withKeepAlive(Duration interval) {
        return new SdesConfig(bindAddress, minPort, maxPort, interval, threadFactory);
    }

    public SdesConfig withPorts(int min, int max) {
        return new SdesConfig(bindAddress, min, max, keepAlive, threadFactory);
    }
}
