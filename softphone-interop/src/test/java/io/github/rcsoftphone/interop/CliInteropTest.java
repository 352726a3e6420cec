package io.github.rcsoftphone.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.interop.kamailio.KamailioExtension;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions;
import io.github.rcsoftphone.interop.kamailio.KamailioServer;
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
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("softphone did not exit within 60 s");
        }
        return new Run(p.exitValue(), Files.readString(workDir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(workDir.resolve("err.txt"), StandardCharsets.UTF_8), (System.nanoTime() - start) / 1_000_000);
    }

    @Test
    void registerOnceOverWssPrintsJsonEventsAndExitsZero() throws Exception {
        KamailioServer server = kamailio.start(KamailioOptions.defaults());
        Run run = softphone(server, TransportKind.WSS, server.options().account().password(), "--json", "register", "--once");

        assertThat(run.exit()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).as(run.toString()).allMatch(l -> l.startsWith("{\"event\":\"") && l.endsWith("}"));
        assertThat(lines.get(0)).contains("\"event\":\"registered\"").contains("\"expires\":60");
        assertThat(lines).anyMatch(l -> l.contains("\"event\":\"unregistered\""));
    }

    @Test
    void wrongPasswordExitsThreeWithOneLineWithinTenSeconds() throws Exception {
        KamailioServer server = kamailio.start(KamailioOptions.defaults());
        Run run = softphone(server, TransportKind.TLS, "not-the-password", "register", "--once");

        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.err().lines().filter(l -> l.startsWith("softphone:")).toList()).as(run.toString())
                .singleElement().satisfies(l -> assertThat(l).startsWith("softphone: registration failed: bad_credentials: "));
        assertThat(run.millis()).isLessThan(10_000);
        assertThat(run.err()).doesNotContain("not-the-password");
    }

    @Test
    void certificateForAnotherHostExitsFive() throws Exception {
        KamailioServer server = kamailio.start(KamailioOptions.builder().certificateHosts("other.test").build());
        Run run = softphone(server, TransportKind.WSS, server.options().account().password(), "register", "--once");

        assertThat(run.exit()).as(run.toString()).isEqualTo(5);
        assertThat(run.err()).as(run.toString()).contains("registration failed: tls: ");
    }
}
