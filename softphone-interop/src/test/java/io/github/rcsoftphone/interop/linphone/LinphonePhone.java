package io.github.rcsoftphone.interop.linphone;

import io.github.rcsoftphone.interop.support.ExternalCommand;
import io.github.rcsoftphone.interop.support.Processes;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real SIP phone: linphonec 5.1 (package {@code linphone-cli}) with its own {@code linphonerc}, registering over TLS
 * and carrying media as SRTP keyed by SDES ({@code media_encryption=srtp}, mandatory). It is driven by commands on its
 * stdin ({@code soundcard use files}, {@code record <wav>}, {@code call <uri>}, {@code terminate}, {@code quit}); its
 * stdout goes to {@code linphonec.out} and its debug log (with the SIP trace) to {@code linphone.log}. With the files
 * "soundcard" and no play file it sends no RTP at all, and records what it hears into the {@link #record(Path) record}
 * WAV. {@link #close()} quits it and kills it if needed; no process is left.
 *
 * <p>Traps: without {@code $HOME/.local/share/linphone} (its database) the core never starts: no listening point, no
 * REGISTER, and no error after "Unable to open linphone database"; {@code HOME} is the phone's directory, which has it.
 * With stdin not a terminal linphonec prints no call or registration states: wait on the debug log
 * ({@link #awaitLog(String, Duration)}). The edge's certificate names 127.0.0.1 as an IP SAN, which mbedtls does not
 * match: the chain is verified against {@code root_ca}, the name is not ({@code verify_server_cn=0}).
 */
public final class LinphonePhone implements AutoCloseable {

    /**
     * How the phone runs.
     *
     * @param authId digest user name
     * @param sipUser the AoR's user part
     * @param password digest password
     * @param domain SIP domain
     * @param proxy the registrar and outbound proxy ({@code sip:127.0.0.1:5061;transport=tls})
     * @param caFile the CA that signed the proxy's certificate ({@code root_ca}), or null
     * @param verifyServer whether the proxy's certificate must verify against {@code caFile}
     */
    public record Options(String authId, String sipUser, String password, String domain, String proxy, Path caFile,
            boolean verifyServer) {

        /** TLS to 127.0.0.1:5061, the certificate verified against {@code caFile}, SDES-keyed SRTP required. */
        public static Options tls(String authId, String sipUser, String password, String domain, Path caFile) {
            return new Options(authId, sipUser, password, domain, "sip:127.0.0.1:5061;transport=tls", caFile, true);
        }

        public Options verifyServer(boolean on) {
            return new Options(authId, sipUser, password, domain, proxy, caFile, on);
        }

        /** The {@code linphonerc} text; {@code rtpPort} is the audio RTP port (RTCP on the next). */
        String linphonerc(int rtpPort) {
            StringBuilder b = new StringBuilder();
            b.append("[sip]\n");
            b.append("sip_port=0\nsip_tcp_port=0\nsip_tls_port=-1\n");   // TLS only, on a random port
            b.append("default_proxy=0\n");
            b.append("verify_server_certs=").append(verifyServer ? 1 : 0).append('\n');
            // the chain is checked against root_ca, the name is not: mbedtls 2.28 matches DNS names only, and the
            // edge's certificate names 127.0.0.1 as an IP SAN ("CN-mismatch", handshake failed)
            b.append("verify_server_cn=0\n");
            if (caFile != null) {
                b.append("root_ca=").append(caFile).append('\n');
            }
            b.append("media_encryption=srtp\nmedia_encryption_mandatory=1\n");
            b.append("\n[rtp]\naudio_rtp_port=").append(rtpPort).append("\nrtcp_mux=0\n");
            b.append("\n[net]\nfirewall_policy=0\nipv6=0\n");
            b.append("\n[sound]\necho_cancellation=0\n");
            b.append("\n[video]\nenabled=0\ncapture=0\ndisplay=0\n");
            b.append("\n[proxy_0]\n");
            b.append("reg_proxy=<").append(proxy).append(">\n");
            b.append("reg_route=<").append(proxy).append(";lr>\n");
            b.append("reg_identity=<sip:").append(sipUser).append('@').append(domain).append(">\n");
            b.append("reg_expires=600\nreg_sendregister=1\npublish=0\ndial_escape_plus=0\n");
            b.append("\n[auth_info_0]\n");
            b.append("username=").append(sipUser).append('\n');
            b.append("userid=").append(authId).append('\n');
            b.append("passwd=").append(password).append('\n');
            b.append("domain=").append(domain).append('\n');
            return b.toString();
        }
    }

    private final Options options;
    private final Path dir;
    private final Process process;
    private final OutputStream stdin;

    private LinphonePhone(Options options, Path dir, Process process) {
        this.options = options;
        this.dir = dir;
        this.process = process;
        this.stdin = process.getOutputStream();
    }

    /** Writes the configuration into a new directory under {@code workDir}, starts linphonec, selects the files soundcard. */
    public static LinphonePhone start(Path workDir, Options options, int rtpPort) throws IOException {
        Path dir = Files.createTempDirectory(workDir, "linphone-" + options.sipUser() + "-");
        Path rc = dir.resolve("linphonerc");
        Files.writeString(rc, options.linphonerc(rtpPort));
        List<String> cmd = List.of(ExternalCommand.executable("linphonec"), "-c", rc.toString(), "-d", "6", "-l",
                dir.resolve("linphone.log").toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("linphonec.out").toFile());
        // its database goes to $HOME/.local/share/linphone: without that directory the core never starts (no
        // listening point, no REGISTER, nothing logged after "Unable to open linphone database")
        Files.createDirectories(dir.resolve(".local/share/linphone"));
        pb.environment().put("HOME", dir.toString());
        // its PulseAudio client (which finds no server) would otherwise leave a /tmp/pulse-* directory behind
        pb.environment().put("XDG_RUNTIME_DIR", dir.toString());
        pb.environment().put("PULSE_RUNTIME_PATH", dir.resolve("pulse").toString());
        LinphonePhone phone = new LinphonePhone(options, dir, pb.start());
        try {
            phone.command("soundcard use files");
            phone.awaitOutput("Using wav files instead of soundcard", Duration.ofSeconds(15));
            return phone;
        } catch (IOException | RuntimeException | AssertionError e) {
            phone.close();
            throw e;
        }
    }

    /** Writes one command line to linphonec's stdin. */
    public void command(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Records what the phone hears during the next call into {@code wav}. */
    public void record(Path wav) throws IOException {
        command("record " + wav);
    }

    /** Calls {@code uri}. */
    public void call(String uri) throws IOException {
        command("call " + uri);
    }

    /** Hangs up the current call. */
    public void terminate() throws IOException {
        command("terminate");
    }

    /**
     * Waits until the proxy accepted the registration. With stdin not a terminal linphonec prints no state changes,
     * so this reads the debug log ({@code ... to [LinphoneRegistrationOk]}).
     */
    public void awaitRegistered(Duration timeout) {
        awaitLog("to \\[LinphoneRegistrationOk\\]", timeout);
    }

    /** Waits until linphonec's stdout matches {@code regex}; throws with its output and log otherwise. */
    public void awaitOutput(String regex, Duration timeout) {
        await("stdout", this::output, regex, timeout);
    }

    /** Waits until linphone's debug log matches {@code regex}; throws with its output and log otherwise. */
    public void awaitLog(String regex, Duration timeout) {
        await("log", this::log, regex, timeout);
    }

    private void await(String where, java.util.function.Supplier<String> text, String regex, Duration timeout) {
        Pattern p = Pattern.compile(regex);
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> p.matcher(text.get()).find() || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("linphonec " + options.sipUser() + ": no /" + regex + "/ in its " + where
                    + " within " + timeout + "\n" + describe(), e);
        }
        if (!p.matcher(text.get()).find()) {
            throw new AssertionError("linphonec " + options.sipUser() + " exited\n" + describe());
        }
    }

    /** linphonec's stdout so far. */
    public String output() {
        return read(dir.resolve("linphonec.out"));
    }

    /** linphonec's debug log so far (with the SIP trace). */
    public String log() {
        return read(dir.resolve("linphone.log"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** The configuration directory. */
    public Path directory() {
        return dir;
    }

    /** The process, to check that nothing is left behind. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** The stdout and the end of the debug log, for failure messages. */
    public String describe() {
        String log = log();
        return "--- linphonec.out:\n" + output() + "\n--- linphone.log (end):\n"
                + log.substring(Math.max(0, log.length() - 60_000));
    }

    /** Asks linphonec to quit, kills it (and any child) if it has not ended within 5 s. */
    @Override
    public void close() throws IOException {
        List<ProcessHandle> tree = Processes.tree(process.toHandle());
        try {
            if (process.isAlive()) {
                try {
                    command("quit");
                    stdin.close();
                } catch (IOException e) {
                    // already gone: killed below if still alive
                }
                try {
                    process.waitFor(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            tree.forEach(h -> Processes.kill(h, Duration.ofSeconds(2)));
        }
    }
}
