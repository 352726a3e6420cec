package io.github.rcsoftphone.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.interop.matrix.Interop;
import io.github.rcsoftphone.interop.matrix.MatrixRecorder;
import io.github.rcsoftphone.Call.CallEndReason;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent.ConnectionLost;
import io.github.rcsoftphone.SoftphoneEvent.Registered;
import io.github.rcsoftphone.interop.baresip.BaresipPhone;
import io.github.rcsoftphone.interop.browser.BrowserPhone;
import io.github.rcsoftphone.interop.kamailio.KamailioExtension;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions.Account;
import io.github.rcsoftphone.interop.kamailio.KamailioServer;
import io.github.rcsoftphone.interop.peers.MediaEdge;
import io.github.rcsoftphone.interop.sipp.SippCaller;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 8, faults, against real peers: the SIP server (Kamailio) restarts on the same ports while the softphone is
 * registered and while it is in a call; the far end (baresip, Chromium) is killed with SIGKILL mid-call, so no BYE
 * ever comes. Each test prints its measured figure (RELIABILITY.md, "Faults").
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class FaultsInteropTest {
    /** The issue's bound: re-registered within 5 s of the server's return. */
    private static final long RE_REGISTER_BOUND_MS = 5000;
    /** Longer than the whole reconnect back-off (250 ms doubling to 3 s): the phone waits at its longest delay. */
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    @RegisterExtension
    final KamailioExtension kamailio = new KamailioExtension();

    @TempDir
    Path dir;

    private final RecordingListener events = new RecordingListener();

    private Softphone phone(KamailioServer server, TransportKind kind) {
        Account account = server.options().account();
        SipInfo info = new SipInfo(server.domain(), server.outboundProxy(kind), account.sipUser(), account.password(),
                account.authId(), kind);
        return Softphone.builder().sipInfo(info).tls(TlsSettings.trusting(server.caCertificate())).listener(events)
                .codecs(List.of("PCMU", "opus")).build();
    }

    /**
     * Kamailio stops while the phone is registered and stays down for {@link #OUTAGE} (the phone keeps retrying,
     * never claims to be registered), then starts again on the same ports: the phone is registered again within 5 s
     * of the server's return.
     */
    @Interop(peer = "Kamailio", via = "Kamailio", transport = "{param}", feature = "server restarted while registered: registered again within 5 s")
    @ParameterizedTest
    @EnumSource(value = TransportKind.class, names = {"WSS", "TLS"})
    void aRestartedServerHasThePhoneRegisteredAgainWithinFiveSeconds(TransportKind kind, MatrixRecorder matrix) throws Exception {
        matrix.set("transport", kind.name());
        KamailioServer server = kamailio.start(KamailioOptions.defaults());
        String user = server.options().account().sipUser();
        Set<Thread> before = Threads.now();
        try (Softphone phone = phone(server, kind)) {
            phone.register().get(10, TimeUnit.SECONDS);
            long stoppedAt = System.nanoTime();
            server.stop();
            await().atMost(Duration.ofSeconds(5)).until(() -> !events.since(stoppedAt, ConnectionLost.class, c -> true).isEmpty());
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(2))
                    .until(() -> events.since(stoppedAt, Registered.class, r -> true).isEmpty());

            server.restart();   // returns once Kamailio answers OPTIONS on its ports again
            long backAt = System.nanoTime();
            long ms = reRegisteredMs(stoppedAt, backAt);
            System.out.printf("restart while registered (%s): re-registered %d ms after Kamailio was back"
                    + " (down %.1f s)%n", kind, ms, (backAt - stoppedAt) / 1e9);
            assertThat(ms).as(events.toString()).isLessThan(RE_REGISTER_BOUND_MS);
            assertThat(server.contacts(user)).hasSize(1);
        }
        Threads.assertNoneLeft(before);
    }

    /**
     * Kamailio restarts during a call from sipp (through rtpengine, which keeps running): the call ends at once with
     * CONNECTION_LOST (its dialog was bound to the dead connection: the far end's BYE or re-INVITE can no longer
     * reach us), the phone is registered again within 5 s of the server's return and takes the next call.
     */
    @Interop(peer = "sipp", transport = "{param}", direction = "inbound", feature = "server restarted during a call: ends connection_lost, next call answered")
    @ParameterizedTest
    @EnumSource(value = TransportKind.class, names = {"WSS", "TLS"})
    void aRestartDuringACallEndsItWithConnectionLostAndThePhoneTakesTheNextCall(TransportKind kind, MatrixRecorder matrix) throws Exception {
        matrix.set("transport", kind == TransportKind.TLS ? "TLS (SDES)" : "WSS (WebRTC)");
        KamailioOptions options = KamailioOptions.defaults();
        Set<Thread> before = Threads.now();
        try (MediaEdge edge = MediaEdge.start(options);
                Softphone phone = InboundCallInteropTest.softphone(edge, options, List.of("PCMU", "opus"), events, kind)) {
            CompletableFuture<Call> first = new CompletableFuture<>();
            CompletableFuture<Call> second = new CompletableFuture<>();
            phone.onIncomingCall(call -> call.answer().thenRun(() -> {
                if (!first.complete(call)) {
                    second.complete(call);
                }
            }));
            phone.register().get(10, TimeUnit.SECONDS);
            SippCaller.Call to = SippCaller.Call.to(options.account().sipUser(), options.domain());
            Call call;
            try (SippCaller sipp = SippCaller.start(Files.createDirectory(dir.resolve("sipp1")), to.talk(Duration.ofSeconds(30)))) {
                call = first.get(20, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(10)).until(() -> call.stats().packetsReceived() > 50);
                long stoppedAt = System.nanoTime();
                edge.kamailio().stop();
                Call.CallEnd end = call.ended().get(10, TimeUnit.SECONDS);
                long endMs = (System.nanoTime() - stoppedAt) / 1_000_000;
                edge.kamailio().restart();
                long backAt = System.nanoTime();
                long ms = reRegisteredMs(stoppedAt, backAt);
                System.out.printf("restart during a call (%s): %s %d ms after the stop; re-registered %d ms after"
                        + " Kamailio was back (down %.1f s)%n", kind, end, endMs, ms, (backAt - stoppedAt) / 1e9);
                matrix.measure("call ended after the stop", endMs, "ms").measure("registered again", ms, "ms");
                assertThat(end.reason()).isEqualTo(CallEndReason.CONNECTION_LOST);
                assertThat(endMs).isLessThan(3000);
                assertThat(ms).as(events.toString()).isLessThan(RE_REGISTER_BOUND_MS);
            }
            // 3 s of tone (150 packets): the assertion is that the next call is answered and heard; how soon its
            // audio starts is S4's figure (BENCHMARKS.md), so a slow set-up on a loaded CI host must not fail it
            try (SippCaller sipp = SippCaller.start(Files.createDirectory(dir.resolve("sipp2")), to.talk(Duration.ofSeconds(3)))) {
                Call next = second.get(20, TimeUnit.SECONDS);
                Call.CallEnd end = next.ended().get(20, TimeUnit.SECONDS);
                System.out.printf("the next call (%s): %s%n", kind, end);
                matrix.measure("next call heard", end.stats().packetsReceived(), "of 150 packets");
                assertThat(end.reason()).as("the next call (%s): %s", kind, end).isEqualTo(CallEndReason.REMOTE_HANGUP);
                assertThat(end.stats().packetsReceived()).as("the next call (%s): %s", kind, end).isGreaterThan(50);
                assertThat(sipp.await(Duration.ofSeconds(20)).ok()).isTrue();
            }
        }
        Threads.assertNoneLeft(before);
    }

    /**
     * baresip (TLS, SRTP keyed by SDES, no ICE) calls and is killed with SIGKILL mid-call: no BYE. The call ends by
     * itself with MEDIA_TIMEOUT (default 20 s without RTP or RTCP), and we send the BYE.
     */
    @Interop(peer = "baresip", transport = "TLS (SDES)", direction = "inbound", feature = "far end killed mid-call (no BYE): ends media_timeout")
    @Test
    void baresipKilledMidCallEndsWithMediaTimeout() throws Exception {
        KamailioOptions options = KamailioOptions.defaults();
        Account caller = options.account(KamailioOptions.SECOND_AUTH_ID);
        Path source = Tones.wav(dir.resolve("tone1000.wav"), 1000, 8000, Duration.ofSeconds(60));
        Set<Thread> before = Threads.now();
        try (MediaEdge edge = MediaEdge.start(options);
                Softphone phone = InboundCallInteropTest.softphone(edge, options, List.of("PCMU"), events, TransportKind.TLS);
                BaresipPhone baresip = BaresipPhone.start(dir, BaresipPhone.Options.tls(caller.authId(),
                        caller.sipUser(), caller.password(), options.domain(), edge.kamailio().caCertificate())
                        .source(source))) {
            CompletableFuture<Call> answered = answerFirstCall(phone);
            baresip.awaitRegistered(Duration.ofSeconds(15));
            baresip.dial("sip:" + options.account().sipUser() + "@" + options.domain());
            Call call = answered.get(20, TimeUnit.SECONDS);
            Call.CallEnd end = endAfterKill(call, baresip.process(), "baresip (TLS/SDES)");
            assertThat(end.reason()).isEqualTo(CallEndReason.MEDIA_TIMEOUT);
        }
        Threads.assertNoneLeft(before);
    }

    /**
     * Chromium (JsSIP, WSS, WebRTC) calls and is killed with SIGKILL mid-call. rtpengine, which terminates ICE towards
     * the softphone, keeps answering consent checks, so it is the media timeout that ends the call.
     */
    @Interop(peer = "Chromium+JsSIP", transport = "WSS (WebRTC)", feature = "far end killed mid-call (no BYE): ends by itself")
    @Test
    void chromiumKilledMidCallEndsByItself() throws Exception {
        KamailioOptions options = KamailioOptions.defaults();
        Account caller = options.account(KamailioOptions.SECOND_AUTH_ID);
        Set<Thread> before = Threads.now();
        try (MediaEdge edge = MediaEdge.start(options);
                Softphone phone = InboundCallInteropTest.softphone(edge, options, List.of("opus", "PCMU"), events,
                        TransportKind.WSS);
                BrowserPhone browser = BrowserPhone.start(dir, BrowserPhone.Options.of(caller.authId(),
                        caller.sipUser(), caller.password(), options.domain(), edge.wssUri(), 700))) {
            CompletableFuture<Call> answered = answerFirstCall(phone);
            browser.await("registered", Duration.ofSeconds(40));
            browser.call("sip:" + options.account().sipUser() + "@" + options.domain());
            Call call = answered.get(30, TimeUnit.SECONDS);
            browser.await("confirmed", Duration.ofSeconds(30));
            Call.CallEnd end = endAfterKill(call, browser.process(), "Chromium (WSS/WebRTC)");
            assertThat(end.reason()).isIn(CallEndReason.MEDIA_TIMEOUT, CallEndReason.MEDIA_FAILED);
        }
        Threads.assertNoneLeft(before);
    }

    /** Registers {@code phone} with a handler that answers calls; completes with the first once answered. */
    private static CompletableFuture<Call> answerFirstCall(Softphone phone) throws Exception {
        CompletableFuture<Call> answered = new CompletableFuture<>();
        phone.onIncomingCall(c -> c.answer().thenRun(() -> answered.complete(c)));
        phone.register().get(10, TimeUnit.SECONDS);
        return answered;
    }

    /** Kills {@code peer} (and its children) with SIGKILL once media flows; the call must end within 30 s. */
    private static Call.CallEnd endAfterKill(Call call, ProcessHandle peer, String who) throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> call.stats().packetsReceived() > 100);
        List<ProcessHandle> tree = io.github.rcsoftphone.interop.support.Processes.tree(peer);
        long killedAt = System.nanoTime();
        tree.forEach(ProcessHandle::destroyForcibly);
        Call.CallEnd end = call.ended().get(35, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - killedAt) / 1_000_000;
        System.out.printf("%s killed with SIGKILL mid-call: the call ended %s (%s) %d ms later; %s%n", who,
                end.reason(), end.detail(), ms, end.stats());
        assertThat(ms).isLessThan(30_000);
        return end;
    }

    /**
     * Milliseconds from {@code backNanos} (the server answers again) to the first Registered event after
     * {@code stoppedNanos}; waits up to 10 s. Negative when the phone registered while the restarted server was still
     * finishing its start (its ports accept before its readiness probe passes).
     */
    private long reRegisteredMs(long stoppedNanos, long backNanos) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !events.since(stoppedNanos, Registered.class, r -> true).isEmpty());
        return (events.since(stoppedNanos, Registered.class, r -> true).get(0).nanos() - backNanos) / 1_000_000;
    }
}
