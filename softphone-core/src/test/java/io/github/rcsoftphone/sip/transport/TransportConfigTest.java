package io.github.rcsoftphone.sip.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TransportConfigTest {
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        TransportConfig c = TransportConfig.of(TransportKind.WSS, "sip123-1234.ringcentral.com", 8083,
                TlsSettings.defaults(), scheduler);
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.keepAliveInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.maxMessageBytes()).isEqualTo(65536);
        assertThat(c.messageReadTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.describe()).isEqualTo("wss://sip123-1234.ringcentral.com:8083");
        Thread t = c.threadFactory().newThread(() -> { });
        assertThat(t.isDaemon()).isTrue();
        assertThat(t.getName()).isEqualTo("sip-wss-sip123-1234.ringcentral.com-1");
    }

    @Test
    void withersCopy() {
        TransportConfig c = TransportConfig.of(TransportKind.TLS, "h", 5096, TlsSettings.defaults(), scheduler);
        assertThat(c.withConnectTimeout(Duration.ofSeconds(1)).connectTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.withKeepAliveInterval(Duration.ZERO).keepAliveInterval()).isZero();
        assertThat(c.withMaxMessageBytes(4096).maxMessageBytes()).isEqualTo(4096);
        assertThat(c.withMaxMessageBytes(4096).messageReadTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.withMessageReadTimeout(Duration.ofMillis(300)).messageReadTimeout())
                .isEqualTo(Duration.ofMillis(300));
        assertThatThrownBy(() -> c.withMessageReadTimeout(Duration.ZERO)).hasMessageContaining("messageReadTimeout");
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void bracketsIpv6Literals() {
        assertThat(TransportConfig.of(TransportKind.WS, "::1", 80, TlsSettings.defaults(), scheduler).describe())
                .isEqualTo("ws://[::1]:80");
    }

    @Test
    void rejectsNonsense() {
        TransportConfig c = TransportConfig.of(TransportKind.TCP, "h", 5060, TlsSettings.defaults(), scheduler);
        assertThatThrownBy(() -> TransportConfig.of(TransportKind.TCP, "h", 0, TlsSettings.defaults(), scheduler))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> TransportConfig.of(TransportKind.TCP, " ", 1, TlsSettings.defaults(), scheduler))
                .hasMessageContaining("host");
        assertThatThrownBy(() -> c.withConnectTimeout(Duration.ZERO)).hasMessageContaining("connectTimeout");
        assertThatThrownBy(() -> c.withKeepAliveInterval(Duration.ofSeconds(-1))).hasMessageContaining("keepAlive");
        assertThatThrownBy(() -> c.withMaxMessageBytes(10)).hasMessageContaining("maxMessageBytes");
        assertThatThrownBy(() -> TransportConfig.of(TransportKind.TCP, "h", 1, null, scheduler))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void exceptionCarriesItsKind() {
        TransportException e = new TransportException(TransportException.Kind.TLS, "bad cert");
        assertThat(e.kind()).isEqualTo(TransportException.Kind.TLS);
        assertThat(e).isInstanceOf(java.io.IOException.class).hasToString("TransportException[TLS]: bad cert");
    }
}
