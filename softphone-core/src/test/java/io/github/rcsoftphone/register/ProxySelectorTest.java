package io.github.rcsoftphone.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.register.ProxySelector.Next;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxySelectorTest {
    private static final SipInfo WITH_BACKUP = new SipInfo("sip.ringcentral.com", "sip123.example:8083", "1650", "pw",
            "8023", TransportKind.WSS, "sip124.example:8083", List.of());
    private static final SipInfo NO_BACKUP = new SipInfo("sip.ringcentral.com", "sip123.example:8083", "1650", "pw",
            "8023", TransportKind.WSS);

    private final ProxySelector selector = new ProxySelector(WITH_BACKUP);

    @Test
    void startsOnTheMainProxy() {
        assertThat(selector.current().toString()).isEqualTo("sip123.example:8083");
        assertThat(selector.onBackup()).isFalse();
        assertThat(selector.hasBackup()).isTrue();
        assertThat(selector.describe()).isEqualTo("main proxy sip123.example:8083");
    }

    @Test
    void failedAttemptsAlternateMainAndBackup() {
        assertThat(selector.failed(false)).isEqualTo(Next.RETRY);
        assertThat(selector.current().toString()).isEqualTo("sip124.example:8083");
        assertThat(selector.onBackup()).isTrue();
        assertThat(selector.triedAll()).isFalse();
        selector.failed(false);
        assertThat(selector.onBackup()).isFalse();
        assertThat(selector.triedAll()).isTrue();
        selector.failed(false);
        assertThat(selector.onBackup()).isTrue();
    }

    @Test
    void registeredOnTheBackupStaysThereAfterALossUntilTheBackupFails() {
        selector.failed(false);
        selector.registered();
        assertThat(selector.triedAll()).isFalse();

        selector.lost();
        assertThat(selector.onBackup()).as("first reconnect goes to the same proxy").isTrue();
        selector.failed(false);
        assertThat(selector.onBackup()).as("the backup failed: back to the main").isFalse();
    }

    @Test
    void aLossAfterRegisteringOnTheMainRetriesTheMainFirst() {
        selector.registered();
        selector.lost();
        assertThat(selector.onBackup()).isFalse();
        selector.failed(false);
        assertThat(selector.onBackup()).isTrue();
    }

    @Test
    void aConnectionLostBeforeItRegisteredCountsAsAFailedAttempt() {
        selector.lost();
        assertThat(selector.onBackup()).isTrue();
    }

    @Test
    void tlsFailureGivesUpOnlyWhenEveryProxyFailedTls() {
        assertThat(selector.failed(true)).isEqualTo(Next.RETRY);
        assertThat(selector.onBackup()).isTrue();
        assertThat(selector.failed(false)).as("backup unreachable: keep alternating").isEqualTo(Next.RETRY);
        assertThat(selector.failed(true)).as("the backup's latest attempt was no TLS failure").isEqualTo(Next.RETRY);
        assertThat(selector.failed(true)).isEqualTo(Next.GIVE_UP_TLS);
    }

    @Test
    void withoutABackupEveryAttemptGoesToTheMainAndTlsIsFinal() {
        ProxySelector single = new ProxySelector(NO_BACKUP);
        assertThat(single.hasBackup()).isFalse();
        assertThat(single.failed(false)).isEqualTo(Next.RETRY);
        assertThat(single.onBackup()).isFalse();
        assertThat(single.triedAll()).isTrue();
        assertThat(single.failed(true)).isEqualTo(Next.GIVE_UP_TLS);
    }
}
