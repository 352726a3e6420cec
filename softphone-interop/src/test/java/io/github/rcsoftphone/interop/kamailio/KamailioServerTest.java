package io.github.rcsoftphone.interop.kamailio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rcsoftphone.interop.support.TcpPorts;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness itself: Kamailio starts, listens, restarts and stops leaving no process, port or file behind. */
class KamailioServerTest {

    @Test
    void startsListensAndStopsWithoutLeftovers() throws Exception {
        long t0 = System.nanoTime();
        KamailioServer server = KamailioServer.start(KamailioOptions.defaults());
        long started = System.nanoTime();
        Path dir = server.directory();
        ProcessHandle main;
        List<ProcessHandle> tree;
        try {
            assertThat(server.running()).isTrue();
            main = server.process().orElseThrow();
            tree = main.descendants().toList();
            assertThat(tree).as("Kamailio's worker processes").isNotEmpty();
            assertThat(TcpPorts.allListening(server.host(), server.options().ports().all())).isTrue();
            assertThat(server.caCertificate()).exists();
            assertThat(server.log()).exists();
            assertThat(Files.readString(server.log())).doesNotContain("ERROR");
        } catch (AssertionError e) {
            e.addSuppressed(new IllegalStateException(server.describe()));
            server.close();
            throw e;
        }
        long t1 = System.nanoTime();
        server.close();
        long stopped = System.nanoTime();
        System.out.printf("kamailio start %d ms, stop %d ms%n", (started - t0) / 1_000_000, (stopped - t1) / 1_000_000);

        assertThat(main.isAlive()).as("main process alive after close").isFalse();
        assertThat(tree).as("worker processes alive after close").noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.current().descendants().filter(p -> p.info().command().orElse("").contains("kamailio")))
                .as("kamailio processes left under the test JVM").isEmpty();
        assertThat(TcpPorts.noneListening(server.host(), server.options().ports().all())).isTrue();
        assertThat(dir).doesNotExist();
        server.close(); // idempotent
    }

    @Test
    void restartStartsANewProcessOnTheSamePorts() throws Exception {
        try (KamailioServer server = KamailioServer.start(KamailioOptions.defaults())) {
            ProcessHandle first = server.process().orElseThrow();
            server.stop();
            assertThat(first.isAlive()).isFalse();
            assertThat(TcpPorts.noneListening(server.host(), server.options().ports().all())).isTrue();
            server.restart();
            assertThat(server.process().orElseThrow().pid()).isNotEqualTo(first.pid());
            assertThat(TcpPorts.allListening(server.host(), server.options().ports().all())).isTrue();
            server.restart();
            assertThat(server.running()).isTrue();
        }
    }

    @Test
    void stopsEvenWhenClientsKeepConnectingDuringShutdown() throws Exception {
        KamailioServer server = KamailioServer.start(KamailioOptions.defaults());
        List<ProcessHandle> tree = server.process().orElseThrow().descendants().toList();
        var stopping = new java.util.concurrent.atomic.AtomicBoolean();
        Thread client = new Thread(() -> {
            // bounded: at most 5000 connection attempts, only until stop() returned
            for (int i = 0; i < 5000 && !stopping.get(); i++) {
                TcpPorts.listening(server.host(), server.options().ports().all().get(i % 4));
            }
        }, "reconnecting-client");
        client.start();
        long t0 = System.nanoTime();
        try {
            server.close();
            System.out.printf("kamailio stop under reconnects %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        } finally {
            stopping.set(true);
            client.join(10_000);
        }
        assertThat(tree).noneMatch(ProcessHandle::isAlive);
        assertThat(TcpPorts.noneListening(server.host(), server.options().ports().all())).isTrue();
    }

    @Test
    void anEarlyExitIsReportedWithTheLog() throws Exception {
        // UDP port taken: Kamailio cannot bind it and exits while starting
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            var ports = new KamailioOptions.Ports(taken.getLocalPort(), TcpPorts.free(), TcpPorts.free(), TcpPorts.free());
            assertThatThrownBy(() -> KamailioServer.start(KamailioOptions.builder().ports(ports).build()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited with code")
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()));
        }
    }

    @Test
    void aTakenTcpPortIsRefusedBeforeStarting() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            var ports = new KamailioOptions.Ports(TcpPorts.free(), TcpPorts.free(), taken.getLocalPort(), TcpPorts.free());
            assertThatThrownBy(() -> KamailioServer.start(KamailioOptions.builder().ports(ports).build()))
                    .hasMessageContaining("port " + taken.getLocalPort() + " is already in use");
        }
    }
}
