package io.github.rcsoftphone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code register} with the real softphone against a port nothing listens on: a one-line failure, no server. */
class RegisterEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void unreachableEdgeFailsWithOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Map<String, String> env = Map.of("SIP_INFO_DOMAIN", "sip.example", "SIP_INFO_OUTBOUND_PROXY",
                "127.0.0.1:" + port, "SIP_INFO_USERNAME", "16505550100", "SIP_INFO_PASSWORD", "secret",
                "SIP_INFO_TRANSPORT", "TCP");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> Main.run(new String[] {"register", "--once"},
                env, dir, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertThat(code).isNotZero();
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(stderr).startsWith("softphone: registration failed: ");
        assertThat(stderr.lines()).hasSize(1);
    }
}
