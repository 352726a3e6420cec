package io.github.rcsoftphone.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.FailureReason;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.SoftphoneEvent.ConnectionLost;
import io.github.rcsoftphone.SoftphoneEvent.Registered;
import io.github.rcsoftphone.SoftphoneEvent.RegistrationFailed;
import io.github.rcsoftphone.SoftphoneException;
import io.github.rcsoftphone.interop.kamailio.KamailioExtension;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions.Account;
import io.github.rcsoftphone.interop.kamailio.KamailioServer;
import io.github.rcsoftphone.interop.matrix.Interop;
import io.github.rcsoftphone.interop.matrix.MatrixRecorder;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our softphone registers with a real Kamailio that behaves like RingCentral's edge: digest user = authorization id
 * (not the SIP user), realm = domain, expiry capped by the registrar, TLS verified against the test CA.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RegistrationInteropTest {

    private static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    final KamailioExtension kamailio = new KamailioExtension();

    private final RecordingListener events = new RecordingListener();
    private final List<Softphone> phones = new ArrayList<>();

    @AfterEach
    void closePhones() {
        phones.forEach(Softphone::close); // before the extension stops Kamailio
    }

    /** (a) */
    @Interop(peer = "Kamailio", transport = "{param}", feature = "registration, binding stored", via = "Kamailio")
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TransportKind.class, names = {"WS", "WSS", "TLS"})
    void registersAndKamailioStoresTheBinding(TransportKind kind, MatrixRecorder matrix) throws Exception {
        matrix.set("transport", kind);
        KamailioServer server = kamailio.start(KamailioOptions.defaults());
        Account account = server.options().account();
        assertThat(account.authId()).isNotEqualTo(account.sipUser());
        Softphone phone = phone(server, kind, account.password());

        Registered registered = phone.register().get(REGISTER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(registered.expiresSeconds()).as("granted expiry (registrar cap)")
                .isEqualTo(server.options().maxExpires());
        assertThat(registered.refresh()).isFalse();
        assertThat(events.of(Registered.class)).as(events.toString()).isNotEmpty();
        List<String> contacts = server.contacts(account.sipUser());
        assertThat(contacts).as("bindings for %s in Kamailio", account.sipUser()).hasSize(1);
        assertThat(contacts.get(0).toLowerCase(java.util.Locale.ROOT))
                .contains("transport=" + (kind.websocket() ? "ws" : kind.uriParam()));
    }

    /** (b) */
    @Interop(peer = "Kamailio", transport = "WSS", feature = "wrong password: BAD_CREDENTIALS, no retry storm", via = "Kamailio")
    @Test
    void aWrongPasswordFailsFastWithBadCredentialsAndNoRetryStorm(MatrixRecorder matrix) throws Exception {
        KamailioServer server = kamailio.start(KamailioOptions.defaults());
        Account account = server.options().account();
        Softphone phone = phone(server, TransportKind.WSS, account.password() + "-wrong");

        SoftphoneException e = failure(phone.register());

        assertThat(e.reason()).as(e.toString()).isEqualTo(FailureReason.BAD_CREDENTIALS);
        assertThat(e.getMessage()).as("names the cause").containsPattern("(?i)403|forbidden|credential|password");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> server.registerRequests(account.sipUser()) <= 2);
        assertThat(server.registerRequests(account.sipUser())).isBetween(1L, 2L);
        matrix.text("REGISTERs sent", String.valueOf(server.registerRequests(account.sipUser())));
        assertThat(server.contacts(account.sipUser())).isEmpty();
        assertThat(events.of(RegistrationFailed.class)).as(events.toString())
                .anyMatch(f -> f.reason() == FailureReason.BAD_CREDENTIALS && !f.willRetry());
    }

    /** (c) */
    @Interop(peer = "Kamailio", transport = "WSS", feature = "refresh before a 3 s expiry", via = "Kamailio")
    @Test
    void refreshesBeforeTheShortGrantedExpiry(MatrixRecorder matrix) throws Exception {
        KamailioServer server = kamailio.start(KamailioOptions.builder().maxExpires(3).build());
        Account account = server.options().account();
        Softphone phone = phone(server, TransportKind.WSS, account.password());

        Registered first = phone.register().get(REGISTER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        assertThat(first.expiresSeconds()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(events.of(Registered.class).stream().filter(Registered::refresh).count())
                        .as(events.toString()).isGreaterThanOrEqualTo(3));
        assertThat(server.contacts(account.sipUser())).as("binding kept alive by the refreshes").hasSize(1);
        matrix.text("refreshes", String.valueOf(events.of(Registered.class).stream().filter(Registered::refresh).count()));
    }

    /** (d) */
    @Interop(peer = "Kamailio", transport = "WSS", feature = "server restart: re-registered", via = "Kamailio")
    @Test
    void reRegistersByItselfAfterTheServerComesBack(MatrixRecorder matrix) throws Exception {
        KamailioServer server = kamailio.start(KamailioOptions.defaults());
        Account account = server.options().account();
        Softphone phone = phone(server, TransportKind.WSS, account.password());
        phone.register().get(REGISTER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        long stoppedAt = System.nanoTime();
        server.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> !events.since(stoppedAt, ConnectionLost.class, x -> true)
                .isEmpty());
        // about 2 s of downtime: the phone keeps trying, nothing can register
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> events.since(stoppedAt, Registered.class, x -> true).isEmpty());

        server.restart();
        long backAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .until(() -> !events.since(backAt, Registered.class, x -> true).isEmpty());
        long delayMs = (events.since(backAt, Registered.class, x -> true).get(0).nanos() - backAt) / 1_000_000;
        matrix.measure("re-registered after the server was back", delayMs, "ms");

        System.out.println("re-registered " + delayMs + " ms after Kamailio was back");
        assertThat(delayMs).isLessThan(5000);
        assertThat(events.of(SoftphoneEvent.Reconnected.class)).as(events.toString()).isNotEmpty();
        assertThat(server.contacts(account.sipUser())).hasSize(1);
    }

    /** (e) */
    @Interop(peer = "Kamailio", transport = "{param}", feature = "certificate for another host: TLS failure", via = "Kamailio")
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TransportKind.class, names = {"WSS", "TLS"})
    void aCertificateForAnotherHostFailsWithTls(TransportKind kind, MatrixRecorder matrix) throws Exception {
        matrix.set("transport", kind);
        KamailioServer server = kamailio.start(KamailioOptions.builder().certificateHosts("other.test").build());
        Account account = server.options().account();
        Softphone phone = phone(server, kind, account.password());

        SoftphoneException e = failure(phone.register());

        assertThat(e.reason()).as(e.toString()).isEqualTo(FailureReason.TLS);
        assertThat(server.registerRequests(account.sipUser())).as("no REGISTER got through").isZero();
    }

    /** (f) */
    @Interop(peer = "Kamailio", transport = "WSS", feature = "close() un-registers", via = "Kamailio")
    @Test
    void closeUnregisters(MatrixRecorder matrix) throws Exception {
        KamailioServer server = kamailio.start(KamailioOptions.defaults());
        Account account = server.options().account();
        Softphone phone = phone(server, TransportKind.WSS, account.password());
        phone.register().get(REGISTER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(server.contacts(account.sipUser())).hasSize(1);

        phone.close();

        // the binding would live 60 s on its own: gone at once means an Expires: 0 REGISTER was accepted
        await().atMost(Duration.ofSeconds(3)).until(() -> server.contacts(account.sipUser()).isEmpty());
        assertThat(server.registerRequests(account.sipUser())).isGreaterThanOrEqualTo(3);
    }

    /** Every thread a softphone started is gone after close(), whatever the transport. */
    @Interop(peer = "Kamailio", transport = "{param}", feature = "close() releases every thread", via = "Kamailio")
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TransportKind.class, names = {"WS", "WSS", "TLS"})
    void closeReleasesEveryThread(TransportKind kind, MatrixRecorder matrix) throws Exception {
        matrix.set("transport", kind);
        KamailioServer server = kamailio.start(KamailioOptions.defaults());
        java.util.Set<Thread> before = Threads.now();
        Softphone phone = phone(server, kind, server.options().account().password());
        phone.register().get(REGISTER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(Threads.startedSince(before)).as("threads while registered").isNotEmpty();

        phone.close();

        Threads.assertNoneLeft(before);
    }

    private Softphone phone(KamailioServer server, TransportKind kind, String password) {
        Account account = server.options().account();
        SipInfo info = new SipInfo(server.domain(), server.outboundProxy(kind), account.sipUser(), password,
                account.authId(), kind);
        Softphone phone = Softphone.builder().sipInfo(info).tls(TlsSettings.trusting(server.caCertificate()))
                .listener(events)
                .build(); // default registration options: the figures asserted here are the product's defaults
        phones.add(phone);
        return phone;
    }

    /** The {@link SoftphoneException} a registration failed with (within 10 s); anything else fails the test. */
    private SoftphoneException failure(CompletableFuture<Registered> future) throws InterruptedException {
        try {
            Registered r = future.get(REGISTER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("registration should have failed but succeeded: " + r);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SoftphoneException se) {
                return se;
            }
            throw new AssertionError("failed with " + e.getCause() + " instead of a SoftphoneException", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no outcome within " + REGISTER_TIMEOUT + "; " + events, e);
        }
    }
}
