package io.github.rcsoftphone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.cli.demo.DemoRun;
import io.github.rcsoftphone.edge.LocalEdge;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code softphone call} with the real softphone through the embedded edge to a second softphone. */
class CallCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(LocalEdge edge, TransportKind kind, String... args) {
        SipInfo info = edge.sipInfo(DemoRun.SOFTPHONE, kind);
        Map<String, String> env = new HashMap<>(Map.of("SIP_INFO_DOMAIN", info.domain(), "SIP_INFO_OUTBOUND_PROXY",
                info.outboundProxy(), "SIP_INFO_USERNAME", info.username(), "SIP_INFO_PASSWORD", info.password(),
                "SIP_INFO_AUTHORIZATION_ID", info.authorizationId(), "SIP_INFO_TRANSPORT", kind.name()));
        env.put("SOFTPHONE_TRUST_CA", edge.clientTls().extraCaPem().toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Main.run(args, env, dir,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void callsRecordsAndHangsUpAfterSeconds() throws Exception {
        try (LocalEdge edge = LocalEdge.builder().account(DemoRun.SOFTPHONE).account(DemoRun.CALLER).build()) {
            edge.start();
            CompletableFuture<Call> incoming = new CompletableFuture<>();
            try (Softphone callee = Softphone.builder().sipInfo(edge.sipInfo(DemoRun.CALLER, TransportKind.TLS))
                    .tls(edge.clientTls()).mediaAddress(java.net.InetAddress.getLoopbackAddress()).build()) {
                callee.onIncomingCall(call -> {
                    call.play(new ToneSource(800, 8000, 0.5, Duration.ofSeconds(10)));
                    call.answer();
                    incoming.complete(call);
                });
                callee.register().get(10, TimeUnit.SECONDS);
                Run r = run(edge, TransportKind.TLS, "call", DemoRun.CALLER.username(), "--seconds", "1.5",
                        "--record", "out.wav", "--codec", "PCMU");
                assertThat(r.code()).as(r.out() + r.err()).isZero();
                assertThat(r.out()).contains("answered", "ended");
                Call.CallEnd end = incoming.get().ended().get(5, TimeUnit.SECONDS);
                assertThat(end.reason()).isEqualTo(Call.CallEndReason.REMOTE_HANGUP);
                short[] pcm = AudioAnalysis.readWav(dir.resolve("out.wav"));
                assertThat(AudioAnalysis.dominantFrequency(pcm, 8000)).isCloseTo(800.0, Offset.offset(5.0));
            }
        }
    }

    @Test
    void aDeclinedCallExitsOneWithTheReason() throws Exception {
        try (LocalEdge edge = LocalEdge.builder().account(DemoRun.SOFTPHONE).account(DemoRun.CALLER).build()) {
            edge.start();
            try (Softphone callee = Softphone.builder().sipInfo(edge.sipInfo(DemoRun.CALLER, TransportKind.WSS))
                    .tls(edge.clientTls()).onIncomingCall(Call::decline).build()) {
                callee.register().get(10, TimeUnit.SECONDS);
                Run r = run(edge, TransportKind.WSS, "--json", "call", DemoRun.CALLER.username());
                assertThat(r.code()).isEqualTo(ExitCodes.ERROR);
                assertThat(r.err()).startsWith("softphone: call not answered: declined");
                assertThat(r.out()).contains("{\"event\":\"ended\"");
            }
        }
    }

    @Test
    void callSendsDtmfAfterTheAnswer() throws Exception {
        try (LocalEdge edge = LocalEdge.builder().account(DemoRun.SOFTPHONE).account(DemoRun.CALLER).build()) {
            edge.start();
            StringBuffer heard = new StringBuffer();
            try (Softphone callee = Softphone.builder().sipInfo(edge.sipInfo(DemoRun.CALLER, TransportKind.WSS))
                    .tls(edge.clientTls()).mediaAddress(java.net.InetAddress.getLoopbackAddress()).build()) {
                callee.onIncomingCall(call -> {
                    call.onDtmf(heard::append);
                    call.answer();
                });
                callee.register().get(10, TimeUnit.SECONDS);
                Run r = run(edge, TransportKind.WSS, "call", DemoRun.CALLER.username(), "--dtmf", "159#", "--seconds", "2");
                assertThat(r.code()).as(r.out() + r.err()).isZero();
                assertThat(heard.toString()).isEqualTo("159#");
            }
        }
    }

    @Test
    void answerSendsDtmfToEachAnsweredCall() throws Exception {
        try (LocalEdge edge = LocalEdge.builder().account(DemoRun.SOFTPHONE).account(DemoRun.CALLER).build()) {
            edge.start();
            CompletableFuture<Run> cli = CompletableFuture.supplyAsync(
                    () -> run(edge, TransportKind.TLS, "answer", "--dtmf", "*0A", "--calls", "1"));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> edge.bindings().stream().anyMatch(b -> b.username().equals(DemoRun.SOFTPHONE.username())));
            StringBuffer heard = new StringBuffer();
            try (Softphone caller = Softphone.builder().sipInfo(edge.sipInfo(DemoRun.CALLER, TransportKind.TLS))
                    .tls(edge.clientTls()).mediaAddress(java.net.InetAddress.getLoopbackAddress()).build()) {
                caller.register().get(10, TimeUnit.SECONDS);
                Call out = caller.call(DemoRun.SOFTPHONE.username(), io.github.rcsoftphone.CallOptions.defaults());
                out.onDtmf(heard::append);
                out.answered().get(20, TimeUnit.SECONDS);
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> heard.length() >= 3);
                out.hangup();
                Run r = cli.get(30, TimeUnit.SECONDS);
                assertThat(r.code()).as(r.out() + r.err()).isZero();
                assertThat(heard.toString()).isEqualTo("*0A");
            }
        }
    }

    @Test
    void aBadDtmfValueIsAUsageError() throws Exception {
        try (LocalEdge edge = LocalEdge.builder().account(DemoRun.SOFTPHONE).build()) {
            edge.start();
            Run r = run(edge, TransportKind.WSS, "call", "101", "--dtmf", "12x");
            assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("--dtmf").contains("'x'");
        }
    }
}
