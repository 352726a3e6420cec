package io.github.rcsoftphone.interop.rtpengine;

import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.interop.support.ExternalCommand;
import io.github.rcsoftphone.interop.support.Processes;
import io.github.rcsoftphone.interop.support.TempDirs;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real rtpengine (Debian's {@code rtpengine-daemon}, userspace forwarding only) as a child process of the test JVM,
 * controlled by Kamailio's rtpengine module over the ng protocol on loopback. Its log (stderr) and nothing else lives
 * in a temp directory that {@link #close()} removes.
 *
 * <pre>{@code
 * try (RtpEngine rtp = RtpEngine.start(RtpEngine.Options.defaults());
 *      KamailioServer kamailio = KamailioServer.start(KamailioOptions.builder().rtpengine(rtp.ngSocket()).build())) {
 * }
 * }</pre>
 */
public final class RtpEngine implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);

    /**
     * Where rtpengine listens.
     *
     * @param host the media and control address (loopback)
     * @param ngPort UDP port of the ng control protocol
     * @param portMin lowest media port
     * @param portMax highest media port
     */
    public record Options(String host, int ngPort, int portMin, int portMax) {
        public Options {
            if (ngPort < 1 || portMin < 1024 || portMax < portMin + 10 || portMax > 65535) {
                throw new IllegalArgumentException("bad ports: ng " + ngPort + ", media " + portMin + "-" + portMax);
            }
        }

        /** 127.0.0.1, ng 2223, media 30000-30999. */
        public static Options defaults() {
            return new Options("127.0.0.1", 2223, 30000, 30999);
        }
    }

    private final Options options;
    private final Path dir;
    private final NgClient ng;
    private volatile Process process;
    private boolean closed;

    private RtpEngine(Options options, Path dir) {
        this.options = options;
        this.dir = dir;
        this.ng = new NgClient(options.host(), options.ngPort());
    }

    /** Starts rtpengine and returns once it answers an ng {@code ping}. */
    public static RtpEngine start(Options options) throws IOException {
        Path dir = TempDirs.create("rtpengine-");
        RtpEngine engine = new RtpEngine(options, dir);
        try {
            engine.launch();
            return engine;
        } catch (IOException | RuntimeException | Error e) {
            // Error too: a class missing from a hand-made classpath must not leave rtpengine running
            engine.close();
            throw e;
        }
    }

    /** The command line (without the executable) this wrapper runs. */
    public List<String> arguments() {
        return List.of("--config-file=none", "--table=-1", "--interface=" + options.host(),
                "--listen-ng=" + options.host() + ":" + options.ngPort(), "--port-min=" + options.portMin(),
                "--port-max=" + options.portMax(), "--foreground", "--log-stderr", "--log-level=6",
                "--pidfile=" + dir.resolve("rtpengine.pid"), "--delete-delay=0");
    }

    private void launch() throws IOException {
        if (ng.ping(Duration.ofMillis(200))) {
            throw new IllegalStateException("an rtpengine already answers on " + ngSocket() + ": is another running?");
        }
        List<String> command = new java.util.ArrayList<>();
        command.add(ExternalCommand.executable("rtpengine"));
        command.addAll(arguments());
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        process = p;
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> !p.isAlive() || ng.ping(Duration.ofMillis(200)));
        } catch (ConditionTimeoutException e) {
            stop();
            throw new IllegalStateException("rtpengine does not answer ng ping after " + START_TIMEOUT + "\n"
                    + describe(), e);
        }
        if (!p.isAlive()) {
            process = null;
            throw new IllegalStateException("rtpengine exited with code " + p.exitValue() + " while starting\n"
                    + describe());
        }
    }

    /** Stops rtpengine (SIGTERM, then SIGKILL) and waits until its control port is silent. Idempotent. */
    public synchronized void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        process = null;
        p.destroy();
        boolean exited;
        try {
            exited = p.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exited = false;
        }
        if (!exited) {
            Processes.kill(p.toHandle(), STOP_GRACE);
        }
        if (p.isAlive() || ng.ping(Duration.ofMillis(200))) {
            throw new IllegalStateException("rtpengine still running after stop\n" + describe());
        }
    }

    /** Stops rtpengine and removes its directory. Idempotent. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } finally {
            TempDirs.delete(dir);
        }
    }

    /** The control socket as Kamailio's {@code rtpengine_sock} wants it, e.g. {@code udp:127.0.0.1:2223}. */
    public String ngSocket() {
        return "udp:" + options.host() + ":" + options.ngPort();
    }

    public Options options() {
        return options;
    }

    /** Whether the process runs and answers an ng ping. */
    public boolean running() {
        Process p = process;
        return p != null && p.isAlive() && ng.ping(Duration.ofMillis(500));
    }

    /** The running process, if any. */
    public Optional<ProcessHandle> process() {
        Process p = process;
        return p == null ? Optional.empty() : Optional.of(p.toHandle());
    }

    /** The Call-IDs of the calls rtpengine holds media sessions for (ng {@code list}). */
    public List<String> calls() {
        return ng.list(Duration.ofSeconds(2));
    }

    /** rtpengine's stderr. */
    public Path log() {
        return dir.resolve("rtpengine.log");
    }

    /** The last {@code n} lines of the log. */
    public String logTail(int n) {
        try {
            if (!Files.exists(log())) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(log(), StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many log lines contain {@code text}. */
    public long countLogLines(String text) {
        try (var lines = Files.lines(log(), StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A short description plus the log tail, for failure messages. */
    public String describe() {
        return "rtpengine " + ngSocket() + " media " + options.portMin() + "-" + options.portMax() + ", log " + log()
                + " (last lines):\n" + logTail(40);
    }

    @Override
    public String toString() {
        return "RtpEngine[" + ngSocket() + (process != null ? " running" : "") + "]";
    }
}
