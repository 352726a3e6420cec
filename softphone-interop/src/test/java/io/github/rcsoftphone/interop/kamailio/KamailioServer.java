package io.github.rcsoftphone.interop.kamailio;

import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.interop.support.ExternalCommand;
import io.github.rcsoftphone.interop.support.SipProbe;
import io.github.rcsoftphone.interop.support.TcpPorts;
import io.github.rcsoftphone.interop.support.TempDirs;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Kamailio 5.6 configured like RingCentral's SIP edge, running as a child process of the test JVM on
 * loopback: UDP/TCP, TLS, WS and WSS listeners, digest auth (realm = domain, auth id != SIP user), a registrar that
 * caps expiry and keeps one contact per user. Everything (config, certificates, control socket, log) lives in one
 * temp directory that {@link #close()} removes.
 *
 * <pre>{@code
 * try (KamailioServer kamailio = KamailioServer.start(KamailioOptions.defaults())) {
 *     kamailio.outboundProxy(TransportKind.WSS); // "127.0.0.1:8443"
 * }
 * }</pre>
 */
public final class KamailioServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    /** Kamailio stops in about 0.1 s; past this it is stuck (see {@link #stop()}). */
    private static final Duration STOP_GRACE = Duration.ofSeconds(2);

    private final KamailioOptions options;
    private final Path dir;
    private final TestCertificates certificates;
    private final Path config;
    private final Path ctlSocket;
    private volatile Process process;
    private boolean closed;

    private KamailioServer(KamailioOptions options, Path dir, TestCertificates certificates, Path config,
            Path ctlSocket) {
        this.options = options;
        this.dir = dir;
        this.certificates = certificates;
        this.config = config;
        this.ctlSocket = ctlSocket;
    }

    /** Writes the configuration and certificates, starts Kamailio and returns once every port accepts connections. */
    public static KamailioServer start(KamailioOptions options) throws IOException {
        Path dir = TempDirs.create("kamailio-");
        try {
            TestCertificates certs = TestCertificates.create(dir, options.certificateHosts());
            Path ctl = dir.resolve("ctl.sock");
            Path cfg = KamailioConfig.write(dir, options, certs, ctl);
            Files.createDirectories(dir.resolve("run"));
            KamailioServer server = new KamailioServer(options, dir, certs, cfg, ctl);
            server.launch();
            return server;
        } catch (IOException | RuntimeException e) {
            TempDirs.delete(dir);
            throw e;
        }
    }

    /**
     * Stops Kamailio and returns once every process is gone and no port accepts connections. Idempotent.
     * SIGTERM first; Kamailio's main process waits for its workers. If it has not exited after a grace period (its TCP
     * main process can spin when connections arrive during shutdown), the workers get SIGKILL before the main process
     * (so that it reaps them: orphans become zombies where PID 1 does not reap), then the main process.
     */
    public synchronized void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        process = null;
        List<ProcessHandle> workers = p.toHandle().descendants().toList();
        p.destroy();
        if (!exited(p, STOP_GRACE)) {
            workers.forEach(ProcessHandle::destroyForcibly);
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            if (!exited(p, STOP_GRACE)) {
                p.destroyForcibly();
                exited(p, STOP_GRACE);
            }
        }
        try {
            await().atMost(STOP_GRACE).pollInterval(Duration.ofMillis(20))
                    .until(() -> workers.stream().noneMatch(ProcessHandle::isAlive)
                            && TcpPorts.noneListening(options.host(), options.ports().all()));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Kamailio processes or ports left after stop\n" + describe(), e);
        }
    }

    private static boolean exited(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    /** Stops, then starts the same configuration again; returns when it is listening again. */
    public synchronized void restart() throws IOException {
        stop();
        launch();
    }

    /** Stops Kamailio and removes its directory. Idempotent. */
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

    private synchronized void launch() throws IOException {
        if (closed) {
            throw new IllegalStateException("closed");
        }
        for (int port : options.ports().all()) {
            if (TcpPorts.listening(options.host(), port)) {
                throw new IllegalStateException("port " + port + " is already in use on " + options.host()
                        + ": is another Kamailio running?");
            }
        }
        Files.deleteIfExists(ctlSocket);
        Path pid = dir.resolve("run/kamailio.pid");
        Files.deleteIfExists(pid);
        Files.writeString(log(), "=== starting kamailio\n", java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
        Process p = new ProcessBuilder(ExternalCommand.executable("kamailio"), "-DD", "-E", "-f", config.toString(),
                "-P", pid.toString(), "-Y", dir.resolve("run").toString(), "-w", dir.toString(), "-m", "64", "-M", "8")
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(20)).until(() -> !p.isAlive() || ready());
        } catch (ConditionTimeoutException e) {
            process = p;
            stop();
            throw new IllegalStateException("Kamailio not listening after " + START_TIMEOUT + "\n" + describe(), e);
        }
        if (!p.isAlive()) {
            throw new IllegalStateException("Kamailio exited with code " + p.exitValue() + " while starting\n"
                    + describe());
        }
        process = p;
    }

    /**
     * Listening sockets exist before Kamailio has forked its workers, so readiness is an OPTIONS over TCP answered 200:
     * the TCP main process is the last one forked. Stopping Kamailio before that leaves processes behind.
     */
    private boolean ready() {
        if (!Files.exists(ctlSocket) || !TcpPorts.allListening(options.host(), options.ports().all())) {
            return false;
        }
        String status = SipProbe.optionsOverTcp(options.host(), options.ports().sip());
        return status != null && status.startsWith("SIP/2.0 200");
    }

    /** Whether Kamailio is running (started and not stopped, and has not died). */
    public boolean running() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** The running main process, if any (its children are Kamailio's workers). */
    public Optional<ProcessHandle> process() {
        Process p = process;
        return p == null ? Optional.empty() : Optional.of(p.toHandle());
    }

    public KamailioOptions options() {
        return options;
    }

    /** SIP domain and digest realm. */
    public String domain() {
        return options.domain();
    }

    /** The address every listener binds. */
    public String host() {
        return options.host();
    }

    /** UDP and TCP port. */
    public int sipPort() {
        return options.ports().sip();
    }

    public int tlsPort() {
        return options.ports().tls();
    }

    public int wsPort() {
        return options.ports().ws();
    }

    public int wssPort() {
        return options.ports().wss();
    }

    /** The port that serves {@code kind}. */
    public int port(TransportKind kind) {
        return switch (kind) {
            case WSS -> wssPort();
            case WS -> wsPort();
            case TLS -> tlsPort();
            case TCP -> sipPort();
        };
    }

    /** {@code host:port} to use as a softphone's outbound proxy for {@code kind}. */
    public String outboundProxy(TransportKind kind) {
        return host() + ":" + port(kind);
    }

    /** PEM of the test CA that signed the server certificate: what a client must trust. */
    public Path caCertificate() {
        return certificates.caCertificate();
    }

    /** The server's directory (config, certificates, control socket, log); removed by {@link #close()}. */
    public Path directory() {
        return dir;
    }

    /** Kamailio's stdout and stderr, across restarts. */
    public Path log() {
        return dir.resolve("kamailio.log");
    }

    /** The unix socket of Kamailio's ctl module, for {@code kamcmd -s unix:<socket>}. */
    public Path controlSocket() {
        return ctlSocket;
    }

    /** Runs {@code kamcmd} against this server, e.g. {@code kamcmd("ul.dump")}. */
    public ExternalCommand.Result kamcmd(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(ExternalCommand.executable("kamcmd"),
                "-s", "unix:" + ctlSocket));
        command.addAll(List.of(args));
        return ExternalCommand.run(dir, Duration.ofSeconds(10), command);
    }

    /** The contact addresses Kamailio's registrar holds for {@code sipUser} (empty when not registered). */
    public List<String> contacts(String sipUser) {
        try {
            ExternalCommand.Result r = kamcmd("ul.lookup", "location", "s:" + sipUser);
            if (!r.ok()) {
                if (r.output().contains("AOR not found")) {
                    return List.of();
                }
                throw new IllegalStateException("kamcmd failed\n" + r.describe() + "\n" + describe());
            }
            return r.output().lines().map(String::strip).filter(l -> l.startsWith("Address:"))
                    .map(l -> l.substring("Address:".length()).strip()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many REGISTER requests for {@code sipUser} reached Kamailio (challenged, rejected or accepted). */
    public long registerRequests(String sipUser) {
        return countLogLines("RCTEST register user=" + sipUser + " ");
    }

    /** How many REGISTER requests for {@code sipUser} Kamailio accepted and saved (un-registers included). */
    public long savedRegistrations(String sipUser) {
        return countLogLines("RCTEST saved user=" + sipUser + " ");
    }

    /** How many lines of the log contain {@code text}. */
    public long countLogLines(String text) {
        try (var lines = Files.lines(log())) {
            return lines.filter(l -> l.contains(text)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code n} lines of the log. */
    public String logTail(int n) {
        try {
            if (!Files.exists(log())) {
                return "(no log)";
            }
            List<String> lines = Files.readAllLines(log(), java.nio.charset.StandardCharsets.ISO_8859_1);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /** A short description plus the log tail, for assertion and failure messages. */
    public String describe() {
        return "Kamailio " + domain() + " on " + host() + " " + options.ports() + ", log " + log() + " (last lines):\n"
                + logTail(40);
    }

    @Override
    public String toString() {
        return "KamailioServer[" + domain() + " " + host() + " " + options.ports() + (running() ? " running" : "")
                + "]";
    }
}
