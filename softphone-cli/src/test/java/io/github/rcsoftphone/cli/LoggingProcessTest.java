package io.github.rcsoftphone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Logging as configured for the CLI, in a fresh JVM (slf4j-simple reads its settings once). */
class LoggingProcessTest {

    private static String[] run(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dfile.encoding=UTF-8",
                "-cp", System.getProperty("java.class.path"), LogProbe.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String[] {out, err};
    }

    @Test
    void quietByDefault() throws Exception {
        String[] r = run("register");
        assertThat(r[0]).isEqualTo("stdout\n");
        assertThat(r[1]).contains("project info", "other warn").doesNotContain("REGISTER", "project debug", "other info");
    }

    @Test
    void verboseShowsTheWireOnStderrWithATimeStamp() throws Exception {
        String[] r = run("register", "--verbose");
        assertThat(r[0]).isEqualTo("stdout\n");
        assertThat(r[1]).containsPattern("(?m)^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} DEBUG wire - ↑↑↑ REGISTER sip:sip.example")
                .doesNotContain("project debug", "other info");
    }
}
