package io.github.rcsoftphone.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.FailureReason;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent.ConnectionLost;
import io.github.rcsoftphone.SoftphoneEvent.Reconnected;
import io.github.rcsoftphone.SoftphoneEvent.Registered;
import io.github.rcsoftphone.SoftphoneException;
import io.github.rcsoftphone.interop.kamailio.KamailioExtension;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions.Account;
import io.github.rcsoftphone.interop.kamailio.KamailioServer;
import io.github.rcsoftphone.interop.matrix.Interop;
import io.github.rcsoftphone.interop.matrix.MatrixRecorder;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real Kamailio edges side by side, the main one and the backup one (RingCentral's {@code outboundProxyBackup}):
 * when the main one stops, the softphone re-registers through the backup by itself.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FailoverInteropTest {
    private static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(10);
    private static final KamailioOptions.Ports BACKUP_PORTS = new KamailioOptions.Ports(5070, 5071, 8090, 8453);

    @RegisterExtension
    final KamailioExtension kamailio = new KamailioExtension();

    @TempDir
    Path dir;

    private final RecordingListener events = new RecordingListener();
    private final List<Softphone> phones = new ArrayList<>();

    @AfterEach
    void closePhones() {
        phones.forEach(Softphone::close); // before the extension stops Kamailio
    }

    @Interop(peer = "Kamailio x2", transport = "WSS", feature = "failover: main stopped, re-registered via the backup", via = "two Kamailio edges")
    @Test
    void mainStoppedReRegistersThroughTheBackup(MatrixRecorder matrix) throws Exception {
        KamailioServer main = kamailio.start(KamailioOptions.defaults());
        KamailioServer backup = kamailio.start(KamailioOptions.builder().ports(BACKUP_PORTS).build());
        Account account = main.options().account();
        Set<Thread> before = Threads.now();
        Softphone phone = phone(main, backup, account.password());

        Registered first = phone.register().get(REGISTER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(first.backup()).isFalse();
        assertThat(first.proxy()).isEqualTo(main.outboundProxy(TransportKind.WSS));
        assertThat(main.contacts(account.sipUser())).hasSize(1);
        assertThat(backup.registerRequests(account.sipUser())).isZero();

        long stoppedAt = System.nanoTime();
        main.stop();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !events.since(stoppedAt, Registered.class, r -> true).isEmpty());
        RecordingListener.Timed again = events.since(stoppedAt, Registered.class, r -> true).get(0);
        long delayMs = (again.nanos() - stoppedAt) / 1_000_000;
        long lostMs = (events.since(stoppedAt, ConnectionLost.class, c -> true).get(0).nanos() - stoppedAt) / 1_000_000;
        matrix.measure("re-registered via the backup after the stop", delayMs, "ms");
        System.out.println("re-registered through the backup " + delayMs + " ms after the main Kamailio was stopped"
                + " (connection loss seen after " + lostMs + " ms)");

        Registered r = (Registered) again.event();
        assertThat(r.backup()).as(events.toString()).isTrue();
        assertThat(r.proxy()).isEqualTo(backup.outboundProxy(TransportKind.WSS));
        assertThat(events.of(Reconnected.class)).singleElement().satisfies(x -> assertThat(x.backup()).isTrue());
        assertThat(backup.contacts(account.sipUser())).as("binding at the backup").hasSize(1);
        assertThat(delayMs).as("one retry of the main, then the backup").isLessThan(5000);

        phone.close();
        await().atMost(Duration.ofSeconds(3)).until(() -> backup.contacts(account.sipUser()).isEmpty());
        Threads.assertNoneLeft(before);
    }

    @Interop(peer = "Kamailio x2", transport = "WSS", feature = "failover: main down at start", via = "two Kamailio edges")
    @Test
    void mainDownAtStartRegistersThroughTheBackup(MatrixRecorder matrix) throws Exception {
        KamailioServer main = kamailio.start(KamailioOptions.defaults());
        KamailioServer backup = kamailio.start(KamailioOptions.builder().ports(BACKUP_PORTS).build());
        main.stop();
        Account account = backup.options().account();
        Softphone phone = phone(main, backup, account.password());

        Registered r = phone.register().get(REGISTER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(r.backup()).isTrue();
        assertThat(backup.contacts(account.sipUser())).hasSize(1);
    }

    @Interop(peer = "Kamailio x2", transport = "WSS", feature = "failover: wrong password does not fail over", via = "two Kamailio edges")
    @Test
    void wrongPasswordOnTheMainDoesNotFailOver(MatrixRecorder matrix) throws Exception {
        KamailioServer main = kamailio.start(KamailioOptions.defaults());
        KamailioServer backup = kamailio.start(KamailioOptions.builder().ports(BACKUP_PORTS).build());
        Account account = main.options().account();
        Softphone phone = phone(main, backup, account.password() + "-wrong");

        try {
            phone.register().get(REGISTER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("registration should have failed");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(SoftphoneException.class);
            assertThat(((SoftphoneException) e.getCause()).reason()).isEqualTo(FailureReason.BAD_CREDENTIALS);
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> backup.registerRequests(account.sipUser()) == 0);
        assertThat(main.registerRequests(account.sipUser())).isBetween(1L, 2L);
    }

    /** A WSS phone with {@code main} as its outbound proxy and {@code backup} as the backup, trusting both CAs. */
    private Softphone phone(KamailioServer main, KamailioServer backup, String password) throws Exception {
        Path cas = dir.resolve("cas.pem");
        Files.writeString(cas, Files.readString(main.caCertificate()) + "\n" + Files.readString(backup.caCertificate()));
        Account account = main.options().account();
        SipInfo info = new SipInfo(main.domain(), main.outboundProxy(TransportKind.WSS), account.sipUser(), password,
                account.authId(), TransportKind.WSS, backup.outboundProxy(TransportKind.WSS), List.of());
        Softphone phone = Softphone.builder().sipInfo(info).tls(TlsSettings.trusting(cas)).listener(events).build();
        phones.add(phone);
        return phone;
    }
}
