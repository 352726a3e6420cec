package io.github.rcsoftphone.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.interop.kamailio.KamailioOptions;
import io.github.rcsoftphone.interop.kamailio.KamailioServer;
import io.github.rcsoftphone.interop.matrix.Interop;
import io.github.rcsoftphone.interop.matrix.MatrixRecorder;
import io.github.rcsoftphone.interop.peers.MediaEdge;
import io.github.rcsoftphone.interop.sipp.SippCaller;
import io.github.rcsoftphone.interop.support.Tmux;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code softphone answer} in a real terminal (a detached tmux pane, 120 x 30) against Kamailio + rtpengine: the
 * live status view shows the registration, then sipp's call with its packet count growing on the same screen line
 * (redrawn in place, nothing scrolls), then the call's end; closing the terminal ends the process.
 */
class CliLiveViewInteropTest {

    /** A call row: CALL DIR STATE CODEC TIME RX LOST TX. */
    private static final Pattern ROW = Pattern.compile(
            "^(\\S+) +in +(\\w+) +(\\S+) +(\\d\\d:\\d\\d) +(\\d+) +(\\d+) +(\\d+)(?: +(\\w+))?$");

    @TempDir
    Path workDir;

    private record Row(int line, String state, String codec, long rx, String reason) {
    }

    @Interop(peer = "sipp", transport = "WSS (WebRTC)", direction = "inbound", codec = "PCMU", feature = "CLI live view in tmux")
    @Test
    void theViewRedrawsTheCallRowInPlace(MatrixRecorder matrix) throws Exception {
        KamailioOptions options = KamailioOptions.defaults();
        try (MediaEdge edge = MediaEdge.start(options)) {
            String user = options.account().sipUser();
            Path script = script(edge.kamailio(), options);
            try (Tmux tmux = Tmux.start(workDir, "softphone", 120, 30, "sh " + script)) {
                String status = "softphone " + user + "  registered via WSS " + edge.kamailio().outboundProxy(TransportKind.WSS);
                AtomicReference<List<String>> screen = new AtomicReference<>(List.of());
                awaitScreen(tmux, screen, Duration.ofSeconds(30), s -> s.stream().anyMatch(l -> l.startsWith(status)));
                long pid = Long.parseLong(Files.readString(workDir.resolve("pid"), StandardCharsets.US_ASCII).trim());

                try (SippCaller sipp = SippCaller.start(workDir, SippCaller.Call.to(user, options.domain()).tone(440)
                        .talk(Duration.ofSeconds(6)))) {
                    awaitScreen(tmux, screen, Duration.ofSeconds(20),
                            s -> row(s).filter(r -> r.state().equals("connected") && r.rx() > 0).isPresent());
                    Row first = row(screen.get()).orElseThrow();
                    int statusLine = statusLine(screen.get(), status);
                    awaitScreen(tmux, screen, Duration.ofSeconds(5),
                            s -> row(s).filter(r -> r.state().equals("connected") && r.rx() > first.rx()).isPresent());
                    Row second = row(screen.get()).orElseThrow();
                    keep("connected", screen.get());
                    assertThat(second.line()).as(String.join("\n", screen.get())).isEqualTo(first.line());
                    assertThat(statusLine(screen.get(), status)).isEqualTo(statusLine);
                    assertThat(second.codec()).isEqualTo("pcmu/8000");
                    assertThat(screen.get()).as("one header: the block was redrawn, not printed again")
                            .filteredOn(l -> l.startsWith("CALL ")).hasSize(1);
                    assertThat(screen.get()).anyMatch(l -> l.startsWith("incoming call ") && l.contains("16505559999"));

                    awaitScreen(tmux, screen, Duration.ofSeconds(20),
                            s -> row(s).filter(r -> r.state().equals("ended")).isPresent());
                    Row ended = row(screen.get()).orElseThrow();
                    keep("ended", screen.get());
                    assertThat(ended.reason()).isEqualTo("remote_hangup");
                    assertThat(ended.rx()).isGreaterThan(200);
                    assertThat(screen.get()).anyMatch(l -> l.startsWith("ended ") && l.contains("remote_hangup"));
                    assertThat(sipp.await(Duration.ofSeconds(20)).ok()).isTrue();
                }

                ProcessHandle softphone = ProcessHandle.of(pid).orElseThrow();
                tmux.close();
                softphone.onExit().get(15, TimeUnit.SECONDS);
                assertThat(softphone.isAlive()).isFalse();
            }
        }
    }

    /** Appends the screen to target/cli-live-view-screens.txt: what a person saw, for the curious. */
    private static void keep(String moment, List<String> screen) throws java.io.IOException {
        Path file = Path.of("target", "cli-live-view-screens.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "--- " + moment + ":\n" + String.join("\n", screen).stripTrailing() + "\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** A script that exports the SIP info, writes its pid and becomes {@code softphone answer}. */
    private Path script(KamailioServer server, KamailioOptions options) throws Exception {
        KamailioOptions.Account account = options.account();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String text = String.join("\n",
                "export SIP_INFO_DOMAIN='" + server.domain() + "'",
                "export SIP_INFO_OUTBOUND_PROXY='" + server.outboundProxy(TransportKind.WSS) + "'",
                "export SIP_INFO_USERNAME='" + account.sipUser() + "'",
                "export SIP_INFO_PASSWORD='" + account.password() + "'",
                "export SIP_INFO_AUTHORIZATION_ID='" + account.authId() + "'",
                "export SIP_INFO_TRANSPORT=WSS",
                "export SOFTPHONE_TRUST_CA='" + server.caCertificate() + "'",
                "unset SOFTPHONE_INSECURE_TLS RINGCENTRAL_SERVER_URL",
                "cd '" + workDir + "'",
                "echo $$ > pid",
                "exec '" + java + "' -cp '" + System.getProperty("java.class.path") + "' io.github.rcsoftphone.cli.Main"
                        + " answer --codec PCMU 2> err.txt",
                "");
        Path script = workDir.resolve("softphone.sh");
        Files.writeString(script, text, StandardCharsets.UTF_8);
        return script;
    }

    private void awaitScreen(Tmux tmux, AtomicReference<List<String>> screen, Duration timeout,
            java.util.function.Predicate<List<String>> condition) throws java.io.IOException {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                screen.set(tmux.capture());
                return condition.test(screen.get());
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Path err = workDir.resolve("err.txt");
            throw new AssertionError("the screen did not show what was expected within " + timeout + ":\n"
                    + String.join("\n", screen.get()) + "\n--- stderr:\n"
                    + (Files.exists(err) ? Files.readString(err) : "(none)"), e);
        }
    }

    private static int statusLine(List<String> screen, String status) {
        return java.util.stream.IntStream.range(0, screen.size()).filter(i -> screen.get(i).startsWith(status))
                .findFirst().orElse(-1);
    }

    /** The one call row on the screen (the line after the header). */
    private static java.util.Optional<Row> row(List<String> screen) {
        for (int i = 0; i < screen.size(); i++) {
            Matcher m = ROW.matcher(screen.get(i));
            if (m.matches() && i > 0 && screen.get(i - 1).startsWith("CALL ")) {
                return java.util.Optional.of(new Row(i, m.group(2), m.group(3), Long.parseLong(m.group(5)),
                        m.group(8)));
            }
        }
        return java.util.Optional.empty();
    }
}
