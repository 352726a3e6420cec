package io.github.rcsoftphone.interop.browser;

import io.github.rcsoftphone.interop.support.ExternalCommand;
import io.github.rcsoftphone.interop.support.Processes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A real WebRTC phone: headless Chromium running JsSIP (driven by {@code softphone-interop/browser/phone.mjs}
 * through node + playwright-core). It registers over WS/WSS, calls or auto-answers, sends a sine tone as its
 * microphone (a sox-made WAV fed to Chromium's fake capture device) and measures what it hears with a WebAudio
 * analyser. {@link #close()} ends node and Chromium and checks that no process is left.
 *
 * <pre>{@code
 * try (BrowserPhone phone = BrowserPhone.start(dir, BrowserPhone.Options.of(account, "wss://127.0.0.1:8443", 1000))) {
 *     phone.await("registered", Duration.ofSeconds(20));
 *     phone.call("sip:16505550100@sip.test");
 *     phone.await("confirmed", Duration.ofSeconds(20));
 *     BrowserPhone.Measurement m = phone.measure(Duration.ofMillis(1500));
 * }
 * }</pre>
 */
public final class BrowserPhone implements AutoCloseable {

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(10);

    /**
     * How the phone runs.
     *
     * @param authId digest user name
     * @param sipUser SIP user (the AoR's user part)
     * @param password digest password
     * @param domain SIP domain
     * @param displayName From display name
     * @param wsUri Kamailio's WebSocket URI ({@code wss://127.0.0.1:8443})
     * @param micToneHz the frequency of the sine the phone sends
     * @param codec if not empty, the only codec the phone puts in its SDP ({@code opus}, {@code PCMU})
     * @param autoAnswer whether incoming calls are answered at once
     * @param debug whether JsSIP's debug log goes to the phone's log
     */
    public record Options(String authId, String sipUser, String password, String domain, String displayName,
            String wsUri, int micToneHz, String codec, boolean autoAnswer, boolean debug) {
        public Options {
            Objects.requireNonNull(codec, "codec");
            if (micToneHz < 50 || micToneHz > 20000) {
                throw new IllegalArgumentException("micToneHz out of range: " + micToneHz);
            }
        }

        /** A phone that does not answer by itself, without a codec restriction. */
        public static Options of(String authId, String sipUser, String password, String domain, String wsUri,
                int micToneHz) {
            return new Options(authId, sipUser, password, domain, "Browser " + sipUser, wsUri, micToneHz, "", false,
                    false);
        }

        public Options autoAnswer(boolean on) {
            return new Options(authId, sipUser, password, domain, displayName, wsUri, micToneHz, codec, on, debug);
        }

        public Options codec(String name) {
            return new Options(authId, sipUser, password, domain, displayName, wsUri, micToneHz, name, autoAnswer,
                    debug);
        }

        public Options debug(boolean on) {
            return new Options(authId, sipUser, password, domain, displayName, wsUri, micToneHz, codec, autoAnswer, on);
        }

        String json() {
            return "{" + field("authId", authId) + "," + field("sipUri", "sip:" + sipUser + "@" + domain) + ","
                    + field("password", password) + "," + field("displayName", displayName) + ","
                    + field("wsUri", wsUri) + "," + field("codec", codec) + ",\"autoAnswer\":" + autoAnswer
                    + ",\"debug\":" + debug;
        }

        private static String field(String name, String value) {
            if (value.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20)) {
                throw new IllegalArgumentException(name + " must not contain quotes, backslashes or controls");
            }
            return "\"" + name + "\":\"" + value + "\"";
        }
    }

    /**
     * What the phone heard over a measurement window.
     *
     * @param frequencyHz the dominant frequency of the received audio
     * @param levelDb its RMS level, dBFS
     * @param packetsReceived RTP packets received so far (getStats inbound-rtp)
     * @param codec the receiving codec's MIME type ({@code audio/opus}, {@code audio/PCMU})
     */
    public record Measurement(double frequencyHz, double levelDb, long packetsReceived, String codec) {
    }

    private final Options options;
    private final Path dir;
    private final Process process;
    private final OutputStream stdin;
    private final Thread reader;
    private final List<BrowserEvent> events = new ArrayList<>();
    private final List<Boolean> consumed = new ArrayList<>();
    private boolean ended;
    private boolean closed;

    private BrowserPhone(Options options, Path dir, Process process) {
        this.options = options;
        this.dir = dir;
        this.process = process;
        this.stdin = process.getOutputStream();
        this.reader = new Thread(this::readEvents, "browser-phone-" + options.sipUser());
        this.reader.setDaemon(true);
    }

    /** Makes the microphone WAV in {@code workDir} and starts node + Chromium; returns before it registers. */
    public static BrowserPhone start(Path workDir, Options options) throws IOException {
        Path browserDir = browserDirectory();
        Path wav = workDir.resolve("mic-" + options.sipUser() + "-" + options.micToneHz() + ".wav");
        ExternalCommand.run(workDir, Duration.ofSeconds(30), ExternalCommand.executable("sox"), "-n", "-r", "48000",
                "-c", "1", "-b", "16", "-e", "signed-integer", wav.toString(), "synth", "60", "sine",
                Integer.toString(options.micToneHz()), "vol", "0.5").orThrow();
        String config = options.json() + ",\"wav\":\"" + wav + "\"}";
        // node runs as PID 1 of its own PID namespace: Chromium's crashpad handlers (which double-fork away from
        // their parent) stay below it, and everything in the namespace dies with it
        Process p = new ProcessBuilder(ExternalCommand.executable("unshare"), "--pid", "--fork", "--kill-child",
                ExternalCommand.executable("node"), browserDir.resolve("phone.mjs").toString(), config)
                .directory(browserDir.toFile())
                .redirectError(workDir.resolve("browser-" + options.sipUser() + ".log").toFile()).start();
        BrowserPhone phone = new BrowserPhone(options, workDir, p);
        phone.reader.start();
        return phone;
    }

    /** {@code softphone-interop/browser}, with node_modules and the JsSIP bundle in place. */
    static Path browserDirectory() {
        Path cwd = Path.of(System.getProperty("user.dir"));
        Path dir = Files.isDirectory(cwd.resolve("browser")) ? cwd.resolve("browser")
                : cwd.resolve("softphone-interop/browser");
        if (!Files.isRegularFile(dir.resolve("dist/jssip.js"))
                || !Files.isDirectory(dir.resolve("node_modules/playwright-core"))) {
            throw new IllegalStateException("browser phone not built: run `npm ci && node build.mjs` in " + dir
                    + " (.ci/run does)");
        }
        return dir;
    }

    private void readEvents() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                BrowserEvent e;
                try {
                    e = new BrowserEvent(FlatJson.parse(line));
                } catch (IllegalArgumentException ex) {
                    e = new BrowserEvent(Map.of("event", "unparsed", "line", line));
                }
                synchronized (this) {
                    events.add(e);
                    consumed.add(false);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended: the stream is closed
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    /**
     * The first event named {@code name} not yet returned by this method, waiting up to {@code timeout}. An
     * {@code error} event, or the phone's end, fails the wait with the phone's log.
     */
    public synchronized BrowserEvent await(String name, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int i = 0; i < events.size(); i++) {
                BrowserEvent e = events.get(i);
                if (!consumed.get(i) && e.name().equals(name)) {
                    consumed.set(i, true);
                    return e;
                }
                if (!consumed.get(i) && e.name().equals("error") && !name.equals("error")) {
                    consumed.set(i, true);
                    throw new IllegalStateException("browser phone " + options.sipUser() + " error while waiting for "
                            + name + ": " + e.fields() + "\n" + describe());
                }
            }
            long left = deadline - System.nanoTime();
            if (ended || left <= 0) {
                throw new IllegalStateException("browser phone " + options.sipUser() + ": no '" + name + "' event "
                        + (ended ? "(the phone ended)" : "within " + timeout) + "\n" + describe());
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
    }

    /** Every event so far, in order. */
    public synchronized List<BrowserEvent> events() {
        return List.copyOf(events);
    }

    /** Calls {@code target} ({@code sip:user@domain}). */
    public void call(String target) {
        if (!target.matches("sip:[A-Za-z0-9._+#%-]+@[A-Za-z0-9.:-]+")) {
            throw new IllegalArgumentException("not a plain SIP URI: " + target);
        }
        command("call " + target);
    }

    /** Ends the current call (BYE), or cancels it while it rings (CANCEL). */
    public void hangup() {
        command("hangup");
    }

    /** Declines a ringing incoming call with {@code status} (e.g. 486). */
    public void reject(int status) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("not a final failure status: " + status);
        }
        command("reject " + status);
    }

    /** Analyses the received audio for {@code window}; returns the result. */
    public Measurement measure(Duration window) {
        command("measure " + window.toMillis());
        BrowserEvent e = await("measurement", window.plusSeconds(10));
        return new Measurement(e.number("frequencyHz"), e.number("levelDb"), (long) e.number("packetsReceived"),
                e.text("codec"));
    }

    private synchronized void command(String line) {
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new IllegalStateException("browser phone " + options.sipUser() + " is gone\n" + describe(), e);
        }
    }

    public Options options() {
        return options;
    }

    /** node's process (Chromium runs below it). */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** The phone's stderr: node, page console and JsSIP debug lines. */
    public Path log() {
        return dir.resolve("browser-" + options.sipUser() + ".log");
    }

    /** The events and the log tail, for failure messages. */
    public String describe() {
        StringBuilder b = new StringBuilder("browser phone ").append(options.sipUser()).append(" events:\n");
        synchronized (this) {
            events.forEach(e -> b.append("  ").append(e.fields()).append('\n'));
        }
        b.append("log ").append(log()).append(" (last lines):\n");
        try {
            List<String> lines = Files.exists(log()) ? Files.readAllLines(log(), StandardCharsets.UTF_8) : List.of();
            lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> b.append(l).append('\n'));
        } catch (IOException e) {
            b.append("(unreadable: ").append(e).append(")\n");
        }
        return b.toString();
    }

    private static boolean exits(ProcessHandle h, Duration within) {
        try {
            h.onExit().get(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return !h.isAlive();
        } catch (java.util.concurrent.ExecutionException e) {
            return !h.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !h.isAlive();
        }
    }

    /**
     * Asks the phone to quit (JsSIP un-registers, Chromium closes), then kills whatever is left; throws when a
     * process survives. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<ProcessHandle> tree = Processes.tree(process.toHandle());
        try {
            command("quit");
            stdin.close();
        } catch (IOException | IllegalStateException e) {
            // already gone
        }
        boolean exited;
        try {
            exited = process.waitFor(CLOSE_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            // leaves first, so that parents reap their children (orphans become zombies here)
            List<ProcessHandle> all = Processes.tree(process.toHandle());
            for (int i = all.size() - 1; i >= 0; i--) {
                all.get(i).destroyForcibly();
            }
            Processes.kill(process.toHandle(), Duration.ofSeconds(3));
        }
        try {
            reader.join(CLOSE_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ProcessHandle> left = tree.stream().filter(h -> !exits(h, Duration.ofSeconds(3))).toList();
        if (!left.isEmpty()) {
            left.forEach(ProcessHandle::destroyForcibly);
            throw new IllegalStateException("browser phone " + options.sipUser() + " left processes " + left
                    + (exited ? "" : " (node did not quit in time)") + "\n" + describe());
        }
    }
}
