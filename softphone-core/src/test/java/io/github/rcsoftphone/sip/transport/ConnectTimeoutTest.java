package io.github.rcsoftphone.sip.transport;

import static io.github.rcsoftphone.sip.transport.TransportTestSupport.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.testing.TestStreamServer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A peer that accepts TCP but never answers the TLS or WebSocket handshake hits the connect timeout. */
class ConnectTimeoutTest {
    private TransportTestSupport support;
    private TestStreamServer silent;

    @BeforeEach
    void start() throws Exception {
        support = new TransportTestSupport("timeout");
        silent = TestStreamServer.plain();
    }

    @AfterEach
    void stop() throws Exception {
        silent.close();
        support.close();
    }

    @ParameterizedTest
    @EnumSource(value = TransportKind.class, names = {"TLS", "WS", "WSS"})
    void silentPeerTimesOutAsUnreachable(TransportKind kind) {
        TransportConfig config = support.config(kind, "127.0.0.1", silent.port(), TlsSettings.defaults())
                .withConnectTimeout(Duration.ofMillis(300));
        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> SipTransport.connect(config, new RecordingListener())
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(thrown).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.UNREACHABLE));
        await().atMost(WAIT).until(() -> support.ourThreads().isEmpty());
    }
}
