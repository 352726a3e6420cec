package io.github.rcsoftphone.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.interop.kamailio.KamailioExtension;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions;
import io.github.rcsoftphone.interop.kamailio.KamailioServer;
import io.github.rcsoftphone.interop.matrix.Interop;
import io.github.rcsoftphone.interop.matrix.MatrixRecorder;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The {@code softphone} command as a separate process against a real Kamailio edge: output and exit codes. */
class CliInteropTest {

    @RegisterExtension
    final KamailioExtension kamailio = new KamailioExtension();

    @TempDir
    Path workDir;

    private record Run(int exit, String out, String err, long millis) {
    }

    private Run softphone(KamailioServer server, TransportKind kind, String password, String... args)
            throws IOException, InterruptedException {
        return finish(start(server, kind, password, args));
    }

    private Process start(KamailioServer server, TransportKind kind, String password, String... args) throws IOException {
        KamailioOptions.Account account = server.options().account();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.github.rcsoftphone.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectOutput(workDir.resolve("out.txt").toFile()).redirectError(workDir.resolve("err.txt").toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("SIP_INFO_") || k.startsWith("SOFTPHONE_") || k.startsWith("RINGCENTRAL_"));
        env.put("SIP_INFO_DOMAIN", server.domain());
        env.put("SIP_INFO_OUTBOUND_PROXY", server.outboundProxy(kind));
        env.put("SIP_INFO_USERNAME", account.sipUser());
        env.put("SIP_INFO_PASSWORD", password);
        env.put("SIP_INFO_AUTHORIZATION_ID", account.authId());
        env.put("SIP_INFO_TRANSPORT", kind.name());
        env.put("SOFTPHONE_TRUST_CA", server.caCertificate().toString());
        return pb.start();
    }

    private Run finish(Process p) throws IOException, InterruptedException {
        long start = System.nanoTime();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("softphone did not exit within 60 s");
        }
        return new Run(p.exitValue(), Files.readString(workDir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(workDir.resolve("err.txt"), StandardCharsets.UTF_8), (System.nanoTime() - start) / 1_000_000);
    }

    @Interop(peer = "Kamailio", transport = "WSS", feature = "CLI register --once", via = "Kamailio")
    @Test
    void registerOnceOverWssPrintsJsonEventsAndExitsZero(MatrixRecorder matrix) throws Exception {
        KamailioServer server = kamailio.start(KamailioOptions.defaults());
        Run run = softphone(server, TransportKind.WSS, server.options().account().password(), "--json", "register", "--once");

        assertThat(run.exit()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).as(run.toString()).allMatch(l -> l.startsWith("{\"event\":\"") && l.endsWith("}"));
        assertThat(lines.get(0)).contains("\"event\":\"registered\"").contains("\"expires\":60");
        assertThat(lines).anyMatch(l -> l.contains("\"event\":\"unregistered\""));
    }

    /** {@code softphone answer --record DIR --calls 1}: sipp calls with 440 Hz; the WAV holds it; exit 0. */
    @Interop(peer = "sipp", transport = "WSS (WebRTC)", direction = "inbound", codec = "PCMU", feature = "CLI answer --record")
    @Test
    void answerRecordsOneCallAndExitsZero(MatrixRecorder matrix) throws Exception {
        KamailioOptions options = KamailioOptions.defaults();
        try (io.github.rcsoftphone.interop.peers.MediaEdge edge = io.github.rcsoftphone.interop.peers.MediaEdge.start(options)) {
            Process p = start(edge.kamailio(), TransportKind.WSS, options.account().password(), "--json", "answer",
                    "--record", "recordings", "--calls", "1", "--codec", "PCMU");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> Files.exists(workDir.resolve("out.txt"))
                            && Files.readString(workDir.resolve("out.txt")).contains("\"event\":\"registered\""));
            try (io.github.rcsoftphone.interop.sipp.SippCaller sipp = io.github.rcsoftphone.interop.sipp.SippCaller.start(
                    workDir, io.github.rcsoftphone.interop.sipp.SippCaller.Call.to(options.account().sipUser(),
                            options.domain()).tone(440).talk(java.time.Duration.ofSeconds(4)))) {
                Run run = finish(p);
                assertThat(run.exit()).as(run.toString()).isZero();
                List<String> lines = run.out().lines().toList();
                assertThat(lines).anyMatch(l -> l.contains("\"event\":\"incoming\"") && l.contains("16505559999"));
                assertThat(lines).anyMatch(l -> l.contains("\"event\":\"answered\"") && l.contains("pcmu/8000"));
                assertThat(lines).anyMatch(l -> l.contains("\"event\":\"ended\"") && l.contains("\"reason\":\"remote_hangup\"")
                        && l.contains("\"stats\":{\"codec\":\"pcmu/8000\""));
                assertThat(sipp.await(java.time.Duration.ofSeconds(20)).ok()).isTrue();
            }
            List<Path> wavs;
            try (var files = Files.list(workDir.resolve("recordings"))) {
                wavs = files.toList();
            }
            assertThat(wavs).singleElement().satisfies(w -> {
                assertThat(w.getFileName().toString()).endsWith(".wav").doesNotContain("@");
                short[] pcm = io.github.rcsoftphone.media.audio.AudioAnalysis.readWav(w);
                assertThat(io.github.rcsoftphone.media.audio.AudioAnalysis.dominantFrequency(pcm, 8000))
                        .isCloseTo(440.0, org.assertj.core.data.Offset.offset(5.0));
                assertThat(pcm.length / 8000.0).isBetween(3.0, 5.5);
            });
        }
    }

    @Interop(peer = "Kamailio", transport = "TLS", feature = "CLI wrong password: exit 3", via = "Kamailio")
    @Test
    void wrongPasswordExitsThreeWithOneLineWithinTenSeconds(MatrixRecorder matrix) throws Exception {
        KamailioServer server = kamailio.start(KamailioOptions.defaults());
        Run run = softphone(server, TransportKind.TLS, "not-the-password", "register", "--once");

        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.err().lines().filter(l -> l.startsWith("softphone:")).toList()).as(run.toString())
                .singleElement().satisfies(l -> assertThat(l).startsWith("softphone: registration failed: bad_credentials: "));
        assertThat(run.millis()).isLessThan(10_000);
        assertThat(run.err()).doesNotContain("not-the-password");
    }

    @Interop(peer = "Kamailio", transport = "WSS", feature = "CLI certificate for another host: exit 5", via = "Kamailio")
    @Test
    void certificateForAnotherHostExitsFive(MatrixRecorder matrix) throws Exception {
        KamailioServer server = kamailio.start(KamailioOptions.builder().certificateHosts("other.test").build());
        Run run = softphone(server, TransportKind.WSS, server.options().account().password(), "register", "--once");

        assertThat(run.exit()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).as(run.toString()).contains("registration failed: tls: ");
    }
}
