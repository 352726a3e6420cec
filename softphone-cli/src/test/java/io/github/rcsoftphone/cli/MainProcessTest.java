package io.github.rcsoftphone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Main#main} in a separate JVM (the test class path): real exit codes and real stdout/stderr. */
class MainProcessTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private Result java(Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SIP_INFO_") || k.startsWith("SOFTPHONE_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void helpExitsZero() throws Exception {
        Result r = java(Map.of(), "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: softphone", "register", "Examples:", "Exit codes:");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void missingConfigurationExitsTwoNamingTheVariables() throws Exception {
        Result r = java(Map.of("SIP_INFO_USERNAME", "16505550100"), "--json", "--verbose", "register", "--once");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("softphone: missing configuration: SIP_INFO_DOMAIN, SIP_INFO_OUTBOUND_PROXY, "
                + "SIP_INFO_PASSWORD (").endsWith(")\n");
    }

    @Test
    void dotEnvIsReadFromTheWorkingDirectory() throws Exception {
        Files.writeString(dir.resolve(".env"), "SIP_INFO_DOMAIN=sip.example\nSIP_INFO_PASSWORD=\"pw\"\n");
        Result r = java(Map.of(), "register");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("missing configuration: SIP_INFO_OUTBOUND_PROXY, SIP_INFO_USERNAME (");
    }

    @Test
    void unknownOptionExitsTwo() throws Exception {
        Result r = java(Map.of(), "register", "--nope");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("Unknown option: '--nope'");
    }
}
