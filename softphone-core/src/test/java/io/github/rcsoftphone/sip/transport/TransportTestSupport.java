package io.github.rcsoftphone.sip.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;

/** Shared bits of the transport tests: a scheduler, configs with a unique thread prefix, thread snapshots. */
final class TransportTestSupport implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);

    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    final String threadPrefix;

    TransportTestSupport(String name) {
        this.threadPrefix = "t-" + name + "-" + System.nanoTime();
    }

    TransportConfig config(TransportKind kind, String host, int port, TlsSettings tls) {
        return TransportConfig.of(kind, host, port, tls, scheduler)
                .withThreadFactory(TransportConfig.daemonThreads(threadPrefix))
                .withKeepAliveInterval(Duration.ZERO);
    }

    /** Names of live threads made by our configs. */
    Set<String> ourThreads() {
        return threadsNamed(threadPrefix);
    }

    static Set<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).collect(Collectors.toSet());
    }

    /** A loopback port nobody listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
