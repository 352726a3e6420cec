package io.github.rcsoftphone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration problems: exit code 2 and a message naming what is wrong, before any phone is built. */
class ConfigurationErrorsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Main.run(args, env, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void missingVariablesAreNamed() {
        assertThat(run(Map.of(), "register", "--once")).isEqualTo(2);
        assertThat(err()).startsWith("softphone: missing configuration: SIP_INFO_DOMAIN, SIP_INFO_OUTBOUND_PROXY, "
                + "SIP_INFO_USERNAME, SIP_INFO_PASSWORD").contains(dir.resolve(".env").toString());
        assertThat(err().lines()).hasSize(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void dotEnvFillsInWhatTheEnvironmentLacks() throws Exception {
        Files.writeString(dir.resolve(".env"), "export SIP_INFO_DOMAIN=sip.example\nSIP_INFO_PASSWORD='p w'\n");
        assertThat(run(Map.of("SIP_INFO_USERNAME", "1650"), "--json", "register")).isEqualTo(2);
        assertThat(err()).startsWith("softphone: missing configuration: SIP_INFO_OUTBOUND_PROXY (set them");
    }

    @Test
    void theEnvironmentWinsOverDotEnv() throws Exception {
        Files.writeString(dir.resolve(".env"), "SIP_INFO_DOMAIN=sip.example:5060\n");
        Map<String, String> env = new HashMap<>(CliHarness.VALID_ENV);
        env.remove("SIP_INFO_DOMAIN");
        assertThat(run(env, "register")).isEqualTo(2);
        assertThat(err()).contains("invalid configuration", "must not carry a port");
        err.reset();
        env.put("SIP_INFO_DOMAIN", "sip.example");
        env.put("SIP_INFO_TRANSPORT", "carrier-pigeon");
        assertThat(run(env, "register")).isEqualTo(2);
        assertThat(err()).contains("invalid configuration", "carrier-pigeon");
    }

    @Test
    void malformedDotEnvNamesFileAndLine() throws Exception {
        Files.writeString(dir.resolve(".env"), "A=1\nB=\"unterminated\n");
        assertThat(run(CliHarness.VALID_ENV, "register", "--once")).isEqualTo(2);
        assertThat(err()).isEqualTo("softphone: " + dir.resolve(".env") + ":2: unterminated double-quoted value for B\n");
    }

    @Test
    void unreadableTrustedCaFileIsAConfigurationError() {
        Map<String, String> env = new HashMap<>(CliHarness.VALID_ENV);
        env.put("SOFTPHONE_TRUST_CA", "no-such.pem");
        assertThat(run(env, "register", "--once")).isEqualTo(2);
        assertThat(err()).contains("SOFTPHONE_TRUST_CA", dir.resolve("no-such.pem").toString());
    }
}
