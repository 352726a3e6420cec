package io.github.rcsoftphone.media.secure;

import io.github.rcsoftphone.media.net.MediaIo;
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
 * @param threadFactory makes the threads of a transport's own {@link MediaIo} when {@code mediaIo} is null
 *                      (renamed {@code sdes-<port>-io})
 * @param mediaIo       the shared I/O thread and timers of the transports (not closed by them), or null: each
 *                      transport makes its own and closes it with itself
 */
public record SdesConfig(InetAddress bindAddress, int minPort, int maxPort, Duration keepAlive, ThreadFactory threadFactory,
                         MediaIo mediaIo) {
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

    /** The 5-argument form from before {@code mediaIo}: each transport has its own. */
    public SdesConfig(InetAddress bindAddress, int minPort, int maxPort, Duration keepAlive, ThreadFactory threadFactory) {
        this(bindAddress, minPort, maxPort, keepAlive, threadFactory, null);
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
        return new SdesConfig(address, minPort, maxPort, keepAlive, threadFactory, mediaIo);
    }

    public SdesConfig withKeepAlive(Duration interval) {
        return new SdesConfig(bindAddress, minPort, maxPort, interval, threadFactory, mediaIo);
    }

    public SdesConfig withPorts(int min, int max) {
        return new SdesConfig(bindAddress, min, max, keepAlive, threadFactory, mediaIo);
    }

    /** The same settings with transports on the shared {@code io} (null: each transport has its own). */
    public SdesConfig withMediaIo(MediaIo io) {
        return new SdesConfig(bindAddress, minPort, maxPort, keepAlive, threadFactory, io);
    }
}
