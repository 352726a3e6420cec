package io.github.rcsoftphone.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.edge.LocalEdge;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The programs in {@code examples/} compile against the SDK and do what they say, through the local edge. */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final LocalEdge.Account EXAMPLE = DemoRun.SOFTPHONE;
    private static final LocalEdge.Account PEER = DemoRun.CALLER;

    @TempDir
    Path dir;

    @Test
    void everyExampleCompiles() throws Exception {
        List<String> sources;
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toString).sorted().toList();
        }
        assertThat(sources).hasSizeGreaterThanOrEqualTo(3);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", dir.toString(), "-cp", System.getProperty("java.class.path"),
                "-Xlint:all", "-Werror"));
        args.addAll(sources);
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertThat(rc).as(diagnostics.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void recordEveryCallRecordsWhatTheCallerPlays() throws Exception {
        try (LocalEdge edge = LocalEdge.builder().account(EXAMPLE).account(PEER).build()) {
            edge.start();
            Path recordings = dir.resolve("recordings");
            Process example = start(edge, "RecordEveryCall.java", recordings.toString());
            try (Softphone caller = phone(edge, PEER)) {
                caller.register().get(10, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(20)).until(() -> !edge.bindings().stream()
                        .filter(b -> b.username().equals(EXAMPLE.username())).toList().isEmpty());
                Call call = caller.call(EXAMPLE.username());
                call.answered().get(30, TimeUnit.SECONDS); // the first call of a JVM also readies SRTP (1-3 s)
                call.play(new ToneSource(600, 8000, 0.5, Duration.ofMillis(1500)));
                assertThatThrownBy(() -> call.ended().get(1500, TimeUnit.MILLISECONDS)) // the tone plays
                        .isInstanceOf(java.util.concurrent.TimeoutException.class);
                call.hangup();
                call.ended().get(5, TimeUnit.SECONDS);
            }
            Path wav;
            try {
                wav = await().atMost(Duration.ofSeconds(10)).until(() -> onlyWav(recordings), w -> w != null);
                await().atMost(Duration.ofSeconds(5)).until(() -> AudioAnalysis.readWav(wav).length > 8000);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError("no recording; the example said:\n"
                        + Files.readString(dir.resolve("RecordEveryCall.java.log")), e);
            }
            short[] pcm = AudioAnalysis.readWav(wav);
            assertThat(AudioAnalysis.dominantFrequency(pcm, AudioAnalysis.wavSampleRate(wav)))
                    .isCloseTo(600.0, Offset.offset(5.0));
            stop(example);
        }
    }

    @Test
    void clickToDialPlacesTheCallAPageAsksFor() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (LocalEdge edge = LocalEdge.builder().account(EXAMPLE).account(PEER).build()) {
            edge.start();
            Path wav = dir.resolve("callee.wav");
            CompletableFuture<Call> answered = new CompletableFuture<>();
            try (Softphone callee = phone(edge, PEER)) {
                callee.onIncomingCall(call -> {
                    try {
                        call.record(wav);
                    } catch (IOException e) {
                        answered.completeExceptionally(e);
                    }
                    call.answer();
                    answered.complete(call);
                });
                callee.register().get(10, TimeUnit.SECONDS);
                Process example = start(edge, "ClickToDial.java", Integer.toString(port));
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> response;
                try {
                    response = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                            .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                    + "/call?to=" + PEER.username())).POST(HttpRequest.BodyPublishers.noBody()).build(),
                                    HttpResponse.BodyHandlers.ofString()), r -> r != null);
                } catch (org.awaitility.core.ConditionTimeoutException e) {
                    throw new AssertionError("no answer from the example; it said:\n"
                            + Files.readString(dir.resolve("ClickToDial.java.log")), e);
                }
                assertThat(response.statusCode()).isEqualTo(202);
                Call call = answered.get(30, TimeUnit.SECONDS);
                assertThat(call.remoteNumber()).isEqualTo(EXAMPLE.username());
                assertThat(response.body().strip()).isEqualTo(call.id());
                call.hangup();
                call.ended().get(5, TimeUnit.SECONDS);
                stop(example);
            }
        }
    }

    private static Softphone phone(LocalEdge edge, LocalEdge.Account account) {
        return Softphone.builder().sipInfo(edge.sipInfo(account, TransportKind.WSS)).tls(edge.clientTls())
                .mediaAddress(InetAddress.getLoopbackAddress()).build();
    }

    private Process start(LocalEdge edge, String source, String... args) throws IOException {
        SipInfo info = edge.sipInfo(EXAMPLE, TransportKind.WSS);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), EXAMPLES.resolve(source).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(source + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SIP_INFO_DOMAIN", info.domain());
        env.put("SIP_INFO_OUTBOUND_PROXY", info.outboundProxy());
        env.put("SIP_INFO_USERNAME", info.username());
        env.put("SIP_INFO_PASSWORD", info.password());
        env.put("SIP_INFO_AUTHORIZATION_ID", info.authorizationId());
        env.put("SIP_INFO_TRANSPORT", "WSS");
        env.put("SOFTPHONE_TRUST_CA", edge.clientTls().extraCaPem().toString());
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    private void stop(Process p) throws Exception {
        p.destroy(); // SIGTERM: the examples close the softphone in a shutdown hook
        assertThat(p.waitFor(15, TimeUnit.SECONDS)).isTrue();
    }

    private static Path onlyWav(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".wav")).findFirst().orElse(null);
        }
    }
}
