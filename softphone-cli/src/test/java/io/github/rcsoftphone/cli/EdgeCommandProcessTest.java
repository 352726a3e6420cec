package io.github.rcsoftphone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code softphone edge} as a process: its printed settings register a softphone; stdin EOF stops it. */
class EdgeCommandProcessTest {

    @Test
    void printedSettingsRegisterOverWssAndTlsAndEndOfInputStopsTheEdge() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "edge", "--accounts", "2");
        Process p = new ProcessBuilder(command).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<Map<String, String>> blocks = new ArrayList<>();
            Map<String, String> common = new HashMap<>();
            Map<String, String> current = null;
            while (blocks.size() < 4) {
                String line = out.readLine();
                assertThat(line).as("edge output ended early").isNotNull();
                if (line.startsWith("# account")) {
                    current = new HashMap<>(common);
                    blocks.add(current);
                } else if (line.contains("=") && !line.startsWith("#")) {
                    (current == null ? common : current).put(line.substring(0, line.indexOf('=')),
                            line.substring(line.indexOf('=') + 1));
                }
            }
            while (!blocks.get(3).containsKey("SIP_INFO_TRANSPORT")) {
                String line = out.readLine();
                blocks.get(3).put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
            assertThat(Files.exists(Path.of(common.get("SOFTPHONE_TRUST_CA")))).isTrue();
            assertThat(blocks).extracting(b -> b.get("SIP_INFO_TRANSPORT")).containsExactly("WSS", "TLS", "WSS", "TLS");
            for (Map<String, String> env : List.of(blocks.get(0), blocks.get(3))) {
                try (Softphone phone = Softphone.builder().sipInfo(SipInfo.fromEnv(env)).tls(TlsSettings.fromEnv(env))
                        .build()) {
                    assertThat(phone.register().get(10, TimeUnit.SECONDS).expiresSeconds()).isPositive();
                }
            }
            p.getOutputStream().close();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
            assertThat(Files.exists(Path.of(common.get("SOFTPHONE_TRUST_CA")))).isFalse();
        } finally {
            p.destroyForcibly();
        }
    }
}
