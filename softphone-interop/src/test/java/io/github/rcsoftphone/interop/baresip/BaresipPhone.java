package io.github.rcsoftphone.interop.baresip;

import io.github.rcsoftphone.interop.support.ExternalCommand;
import io.github.rcsoftphone.interop.support.Processes;
import io.github.rcsoftphone.interop.support.TcpPorts;
import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/**
 * A real SIP phone: baresip 1.0 (packages {@code baresip baresip-core}) with a private configuration directory,
 * registering over TLS and carrying media as SRTP keyed by SDES ({@code mediaenc=srtp-mand}): RingCentral's "TLS
 * flavour". It plays a WAV as its microphone (module {@code aufile}), records what it hears into a directory (module
 * {@code sndfile}: {@code dump-<call>-dec.wav}), has no audio device, and is driven over its JSON control socket
 * (module {@code ctrl_tcp}): commands {@link #dial(String)}, {@link #hangup()}; events such as {@code REGISTER_OK},
 * {@code CALL_INCOMING}, {@code CALL_ESTABLISHED}, {@code CALL_CLOSED} ({@link #await(String, Duration)}). Its
 * stdout (verbose, with the SIP trace) goes to {@code baresip.log}. {@link #close()} quits it and kills it if
 * needed; no process is left.
 *
 * <p>baresip 1.0 has no {@code sip_verify_server}: it loads {@code sip_cafile} but does not check the edge's
 * certificate (it registers with a CA that did not sign it), so TLS here is encryption without authentication.
 * {@code net_interface} takes an address ({@code 127.0.0.1}; {@code lo} fails). Events sent before the control
 * socket connects are lost: {@link #awaitRegistered(Duration)} also reads the log.
 *
 * <pre>{@code
 * try (BaresipPhone phone = BaresipPhone.start(dir, BaresipPhone.Options.tls(account, "sip.test", ca).source(wav))) {
 *     phone.awaitRegistered(Duration.ofSeconds(10));
 *     phone.dial("sip:16505550101@sip.test");
 *     phone.await("CALL_ESTABLISHED", Duration.ofSeconds(10));
 * }
 * }</pre>
 */
public final class BaresipPhone implements AutoCloseable {

    private static final Pattern TYPE = Pattern.compile("\"type\":\"([A-Z_]+)\"");

    /**
     * How the phone runs.
     *
     * @param authId digest user name
     * @param sipUser the AoR's user part
     * @param password digest password
     * @param domain SIP domain
     * @param outbound the proxy every request goes to ({@code sip:127.0.0.1:5061;transport=tls})
     * @param caFile the CA that signed the proxy's certificate ({@code sip_cafile}; loaded but not enforced by 1.0),
     *     or null
     * @param source the WAV played as microphone (mono s16; the call ends when it ends), or null for silence
     * @param recordDir where {@code sndfile} writes {@code dump-*-dec.wav} (heard) and {@code -enc.wav} (sent), or
     *     null for no recording
     * @param mediaenc the account's media encryption ({@code srtp-mand}, {@code srtp}, or empty for plain RTP)
     * @param autoAnswer whether incoming calls are answered at once
     */
    public record Options(String authId, String sipUser, String password, String domain, String outbound,
            Path caFile, Path source, Path recordDir, String mediaenc, boolean autoAnswer) {

        /** TLS to 127.0.0.1:5061 with SDES-keyed SRTP required, no source, no recording, manual answer. */
        public static Options tls(String authId, String sipUser, String password, String domain, Path caFile) {
            return new Options(authId, sipUser, password, domain, "sip:127.0.0.1:5061;transport=tls", caFile, null,
                    null, "srtp-mand", false);
        }

        public Options source(Path wav) {
            return new Options(authId, sipUser, password, domain, outbound, caFile, wav, recordDir, mediaenc,
                    autoAnswer);
        }

        public Options recordInto(Path dir) {
            return new Options(authId, sipUser, password, domain, outbound, caFile, source, dir, mediaenc, autoAnswer);
        }

        public Options autoAnswer(boolean on) {
            return new Options(authId, sipUser, password, domain, outbound, caFile, source, recordDir, mediaenc, on);
        }

        public Options outbound(String uri) {
            return new Options(authId, sipUser, password, domain, uri, caFile, source, recordDir, mediaenc, autoAnswer);
        }

        public Options mediaenc(String enc) {
            return new Options(authId, sipUser, password, domain, outbound, caFile, source, recordDir, enc, autoAnswer);
        }

        /** The account line of baresip's {@code accounts} file. */
        String accountLine() {
            String transport = outbound.contains("transport=tls") ? ";transport=tls" : "";
            StringBuilder b = new StringBuilder("<sip:").append(sipUser).append('@').append(domain).append(transport)
                    .append(">;auth_user=").append(authId).append(";auth_pass=").append(password)
                    .append(";outbound=\"").append(outbound).append("\";regint=60")
                    .append(";answermode=").append(autoAnswer ? "auto" : "manual");
            if (!mediaenc.isEmpty()) {
                b.append(";mediaenc=").append(mediaenc);
            }
            return b.toString();
        }
    }

    private final Options options;
    private final Path dir;
    private final Process process;
    private final Socket control;
    private final OutputStream commands;
    private final Thread reader;
    private final List<String> events = new ArrayList<>();
    private final AtomicInteger tokens = new AtomicInteger();

    private BaresipPhone(Options options, Path dir, Process process, Socket control) throws IOException {
        this.options = options;
        this.dir = dir;
        this.process = process;
        this.control = control;
        this.commands = control.getOutputStream();
        InputStream in = new BufferedInputStream(control.getInputStream());
        this.reader = new Thread(() -> read(in), "baresip-ctrl-" + options.sipUser());
        reader.setDaemon(true);
        reader.start();
    }

    /** Writes the configuration into a new directory under {@code workDir}, starts baresip and connects to it. */
    public static BaresipPhone start(Path workDir, Options options) throws IOException {
        Path dir = Files.createTempDirectory(workDir, "baresip-" + options.sipUser() + "-");
        int ctrlPort = TcpPorts.free();
        Files.writeString(dir.resolve("config"), config(options, TcpPorts.free(), ctrlPort));
        Files.writeString(dir.resolve("accounts"), options.accountLine() + "\n");
        Files.writeString(dir.resolve("contacts"), "");
        List<String> cmd = List.of(ExternalCommand.executable("baresip"), "-f", dir.toString(), "-v", "-s");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("baresip.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        Socket s = new Socket();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !p.isAlive() || TcpPorts.listening("127.0.0.1", ctrlPort));
            if (!p.isAlive()) {
                throw new IllegalStateException("baresip exited at start:\n" + log(dir));
            }
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), ctrlPort), 2000);
            return new BaresipPhone(options, dir, p, s);
        } catch (IOException | RuntimeException e) {
            s.close();
            Processes.kill(p.toHandle(), Duration.ofSeconds(2));
            throw e;
        }
    }

    /** Reads netstrings ({@code len:json,}) from the control socket until it closes. */
    private void read(InputStream in) {
        try {
            while (true) {
                int len = 0;
                int c;
                while ((c = in.read()) != ':') {
                    if (c < '0' || c > '9') {
                        return;
                    }
                    len = len * 10 + (c - '0');
                }
                byte[] body = in.readNBytes(len);
                if (body.length < len || in.read() != ',') {
                    return;
                }
                synchronized (events) {
                    events.add(new String(body, StandardCharsets.UTF_8));
                    events.notifyAll();
                }
            }
        } catch (IOException e) {
            // socket closed: the phone quit or is being closed
        }
    }

    /** Sends a command ({@code dial}, {@code hangup}, {@code quit}, ...) with its parameters. */
    public void command(String name, String params) throws IOException {
        String json = "{\"command\":\"" + name + "\",\"params\":\"" + params.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\",\"token\":\"t" + tokens.incrementAndGet() + "\"}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        synchronized (commands) {
            commands.write((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            commands.write(bytes);
            commands.write(',');
            commands.flush();
        }
    }

    /** Calls {@code uri} (e.g. {@code sip:16505550101@sip.test}). */
    public void dial(String uri) throws IOException {
        command("dial", uri);
    }

    /** Hangs up the current call. */
    public void hangup() throws IOException {
        command("hangup", "");
    }

    /**
     * Waits for the first event of {@code type} ({@code REGISTER_OK}, {@code CALL_INCOMING}, {@code CALL_ESTABLISHED},
     * {@code CALL_CLOSED}, ...) and returns its JSON; throws with the phone's log when none comes in time.
     */
    public String await(String type, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                Optional<String> hit = events.stream().filter(e -> type.equals(type(e))).findFirst();
                if (hit.isPresent()) {
                    return hit.get();
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive() && !reader.isAlive()) {
                    throw new AssertionError("baresip " + options.sipUser() + ": no " + type + " within " + timeout
                            + "\n" + describe());
                }
                try {
                    events.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + type, e);
                }
            }
        }
    }

    /**
     * Waits until the account is registered. baresip may register before the control socket is connected (and its
     * {@code REGISTER_OK} event is then lost), so its log line {@code <aor>: {0/TLS/v4} 200 OK ...} counts too.
     */
    public void awaitRegistered(Duration timeout) {
        Pattern ok = Pattern.compile(Pattern.quote(options.sipUser() + "@" + options.domain())
                + ": \\{[0-9]+/[A-Z]+/v[46]\\} 200 ");
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> ok.matcher(log()).find() || events().stream().anyMatch(e -> "REGISTER_OK".equals(type(e)))
                            || !process.isAlive());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("baresip " + options.sipUser() + ": not registered within " + timeout + "\n"
                    + describe(), e);
        }
        if (!process.isAlive()) {
            throw new AssertionError("baresip " + options.sipUser() + " exited before registering\n" + describe());
        }
    }

    /** Every event and response received so far (JSON texts), in order. */
    public List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    private static String type(String json) {
        Matcher m = TYPE.matcher(json);
        return m.find() ? m.group(1) : "";
    }

    /** The recordings of what the phone heard ({@code dump-*-dec.wav} in the record directory). */
    public List<Path> recordings() throws IOException {
        if (options.recordDir() == null || !Files.isDirectory(options.recordDir())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(options.recordDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith("-dec.wav")).sorted().toList();
        }
    }

    /** baresip's output so far: verbose log with the SIP trace (every message sent and received). */
    public String log() {
        return log(dir);
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("baresip.log"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** The configuration directory. */
    public Path directory() {
        return dir;
    }

    public Options options() {
        return options;
    }

    /** The process, to check that nothing is left behind. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** The account line, the events and the log, for failure messages. */
    public String describe() {
        return "--- baresip " + options.sipUser() + " account: " + options.accountLine() + "\n--- events:\n"
                + String.join("\n", events()) + "\n--- baresip.log:\n" + log();
    }

    /** Asks baresip to quit, kills it (and any child) if it has not ended within 3 s, and closes the socket. */
    @Override
    public void close() throws IOException {
        List<ProcessHandle> tree = Processes.tree(process.toHandle());
        try {
            if (process.isAlive()) {
                try {
                    command("quit", "");
                } catch (IOException e) {
                    // already gone: killed below if still alive
                }
                try {
                    process.waitFor(3, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        } finally {
            control.close();
            tree.forEach(h -> Processes.kill(h, Duration.ofSeconds(2)));
            try {
                reader.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String config(Options o, int sipPort, int ctrlPort) {
        StringBuilder b = new StringBuilder();
        b.append("poll_method\t\tepoll\n");
        b.append("sip_listen\t\t127.0.0.1:").append(sipPort).append('\n');
        if (o.caFile() != null) {
            b.append("sip_cafile\t\t").append(o.caFile()).append('\n');
        }
        b.append("net_interface\t\t127.0.0.1\n");
        b.append("call_local_timeout\t30\n");
        b.append("call_max_calls\t\t4\n");
        if (o.source() != null) {
            b.append("audio_source\t\taufile,").append(o.source()).append('\n');
        }
        b.append("audio_alert\t\tnone,none\n");
        b.append("audio_level\t\tno\n");
        b.append("rtcp_mux\t\tno\n");
        b.append("rtp_stats\t\tno\n");
        b.append("module_path\t\t/usr/lib/baresip/modules\n");
        for (String m : List.of("g711.so", "srtp.so")) {
            b.append("module\t\t\t").append(m).append('\n');
        }
        if (o.source() != null) {
            // only with a source: once loaded, aufile is also the default source, and it fails without a file
            b.append("module\t\t\taufile.so\n");
        }
        if (o.recordDir() != null) {
            b.append("module\t\t\tsndfile.so\n");
            b.append("snd_path\t\t").append(o.recordDir()).append('\n');
        }
        b.append("module_tmp\t\taccount.so\n");
        b.append("module_app\t\tmenu.so\n");
        b.append("module_app\t\tctrl_tcp.so\n");
        b.append("ctrl_tcp_listen\t\t127.0.0.1:").append(ctrlPort).append('\n');
        return b.toString();
    }
}
