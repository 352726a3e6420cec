package io.github.rcsoftphone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** SIGTERM to a running {@code register}: the softphone is closed (un-registered) and the process exits 0. */
@DisabledOnOs(OS.WINDOWS)
class SignalTest {

    @Test
    void sigtermUnregistersAndExitsZero() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SignalProbe.class.getName(), "--json", "register"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(CliHarness.VALID_ENV);
        Process p = pb.start();
        p.getOutputStream().close();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        assertThat(first).startsWith("{\"event\":\"registered\"");
        assertThat(p.isAlive()).isTrue();
        // Process.destroy() would also close our end of the pipes: signal the process the way a shell does
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out.readLine()).startsWith("{\"event\":\"unregistered\"");
        assertThat(out.readLine()).isNull();
        assertThat(p.exitValue()).isZero();
        assertThat(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void withoutSignalTheHookDoesNotChangeTheExitCode() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SignalProbe.class.getName(), "register", "--once"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(Map.of("SIP_INFO_DOMAIN", "sip.example", "SIP_INFO_OUTBOUND_PROXY", "h:1",
                "SIP_INFO_USERNAME", "1", "SIP_INFO_PASSWORD", "p"));
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo("registered 1 via WSS h:1 (expires 60 s)\nunregistered\n");
        assertThat(p.exitValue()).isZero();
    }
}
