package io.github.rcsoftphone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionParsingTest {

    @TempDir
    Path dir;

    private CliHarness registering() {
        return new CliHarness(CliHarness.VALID_ENV, dir, phone -> phone.registered(60));
    }

    @Test
    void jsonBeforeTheSubcommand() {
        CliHarness cli = registering();
        assertThat(cli.run("--json", "register", "--once")).isZero();
        assertThat(cli.out()).startsWith("{\"event\":\"registered\"");
    }

    @Test
    void jsonAfterTheSubcommand() {
        CliHarness cli = registering();
        assertThat(cli.run("register", "--once", "--json")).isZero();
        assertThat(cli.out()).startsWith("{\"event\":\"registered\"");
    }

    @Test
    void verboseAnywhere() {
        assertThat(registering().run("--verbose", "register", "--once")).isZero();
        assertThat(registering().run("register", "-v", "--once")).isZero();
    }

    @Test
    void withoutJsonTheOutputIsPlain() {
        CliHarness cli = registering();
        assertThat(cli.run("register", "--once")).isZero();
        assertThat(cli.out()).startsWith("registered 16505550100 via WSS sip.example:8443 (expires 60 s)\n");
    }

    @Test
    void helpExitsZeroAndShowsExamplesAndExitCodes() {
        for (String[] args : new String[][] {{"--help"}, {"-h"}, {"register", "--help"}, {"help", "register"}}) {
            CliHarness cli = registering();
            assertThat(cli.run(args)).as(String.join(" ", args)).isZero();
            assertThat(cli.out()).contains("Usage: softphone", "Examples:", "Exit codes:", "bad credentials",
                    "TLS failure");
            assertThat(cli.phones).isEmpty();
        }
    }

    @Test
    void registerHelpDocumentsOnce() {
        CliHarness cli = registering();
        cli.run("register", "--help");
        assertThat(cli.out()).contains("--once", "--json", "--verbose", "softphone register --once");
    }

    @Test
    void versionExitsZero() {
        CliHarness cli = registering();
        assertThat(cli.run("--version")).isZero();
        assertThat(cli.out()).startsWith("softphone ").contains("Java ");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliHarness cli = registering();
        assertThat(cli.run("register", "--bogus")).isEqualTo(2);
        assertThat(cli.err()).contains("Unknown option: '--bogus'");
        assertThat(cli.out()).isEmpty();
        assertThat(cli.phones).isEmpty();
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliHarness cli = registering();
        assertThat(cli.run("registr")).isEqualTo(2);
        assertThat(cli.err()).contains("'registr'", "register");
    }

    @Test
    void noCommandIsAUsageError() {
        CliHarness cli = registering();
        assertThat(cli.run()).isEqualTo(2);
        assertThat(cli.err()).contains("a command is required", "Usage: softphone");
        assertThat(cli.out()).isEmpty();
    }

    @Test
    void theFiveArgumentEntryPointParsesToo() {
        var out = new java.io.ByteArrayOutputStream();
        var err = new java.io.ByteArrayOutputStream();
        int code = Main.run(new String[] {"--help"}, Map.of(), dir, new java.io.PrintStream(out, true),
                new java.io.PrintStream(err, true));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("register");
    }
}
