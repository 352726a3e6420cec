package io.github.rcsoftphone.interop.sipp;

import io.github.rcsoftphone.interop.support.ExternalCommand;
import io.github.rcsoftphone.interop.support.Processes;
import io.github.rcsoftphone.interop.support.TcpPorts;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PSTN-side caller: sipp (package sip-tester) places one call over UDP through the SIP edge, offering PCMU +
 * telephone-event, and after the 200/ACK streams a u-law sine tone (made with sox) for a while, then hangs up with
 * BYE. Runs in the background: {@link #await(Duration)} waits for the end. {@link #close()} kills a sipp still running.
 *
 * <pre>{@code
 * try (SippCaller sipp = SippCaller.start(dir, SippCaller.Call.to("16505550100", "sip.test").tone(440))) {
 *     ... the callee answers and hears 440 Hz ...
 *     assertThat(sipp.await(Duration.ofSeconds(30)).ok()).isTrue();
 * }
 * }</pre>
 */
public final class SippCaller implements AutoCloseable {

    private static final Pattern TOKEN = Pattern.compile("@@([A-Z_]+)@@");

    /**
     * One call.
     *
     * @param callee the user part of the Request-URI and To
     * @param domain the callee's domain
     * @param proxy where sipp sends the INVITE ({@code host:port}, UDP)
     * @param caller the caller's number (From user)
     * @param callerName the caller's display name
     * @param toneHz the frequency of the streamed sine
     * @param talk how long the tone is streamed after the ACK, before the BYE
     */
    public record Call(String callee, String domain, String proxy, String caller, String callerName, int toneHz,
            Duration talk) {
        public Call {
            if (!callerName.matches("[A-Za-z0-9 ._-]*") || toneHz < 50 || toneHz > 3900) {
                throw new IllegalArgumentException("callerName must be plain text and toneHz in 50..3900");
            }
        }

        /** A call to {@code callee@domain} through 127.0.0.1:5060 from +16505559999 "PSTN Caller", 440 Hz for 6 s. */
        public static Call to(String callee, String domain) {
            return new Call(callee, domain, "127.0.0.1:5060", "16505559999", "PSTN Caller", 440, Duration.ofSeconds(6));
        }

        public Call tone(int hz) {
            return new Call(callee, domain, proxy, caller, callerName, hz, talk);
        }

        public Call talk(Duration d) {
            return new Call(callee, domain, proxy, caller, callerName, toneHz, d);
        }

        public Call proxy(String hostPort) {
            return new Call(callee, domain, hostPort, caller, callerName, toneHz, talk);
        }
    }

    /**
     * How sipp ended.
     *
     * @param exitCode sipp's exit code (0: the call completed; -1: still running at the deadline)
     * @param log sipp's output, error file and message trace, for failure messages
     */
    public record Result(int exitCode, String log) {
        /** True when the call completed. */
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private final Call call;
    private final Path dir;
    private final Process process;
    private final List<String> command;

    private SippCaller(Call call, Path dir, Process process, List<String> command) {
        this.call = call;
        this.dir = dir;
        this.process = process;
        this.command = command;
    }

    /** Writes the tone WAV and the scenario into {@code workDir} and starts sipp. */
    public static SippCaller start(Path workDir, Call call) throws IOException {
        Path wav = workDir.resolve("tone" + call.toneHz() + ".wav");
        long seconds = call.talk().toSeconds() + 2;
        ExternalCommand.run(workDir, Duration.ofSeconds(20), ExternalCommand.executable("sox"), "-n", "-r", "8000",
                "-c", "1", "-e", "u-law", "-t", "wav", wav.toString(), "synth", Long.toString(seconds), "sine",
                Integer.toString(call.toneHz()), "vol", "0.5").orThrow();
        return launch(workDir, call, "call-tone.xml", "WAV", wav);
    }

    /**
     * Like {@link #start}, but after the ACK sipp replays the RTP packets of {@code pcap} ({@code play_pcap_audio},
     * e.g. a {@link DtmfPcap}), then waits {@code call.talk()} before its BYE.
     */
    public static SippCaller startPcap(Path workDir, Call call, Path pcap) throws IOException {
        return launch(workDir, call, "call-pcap.xml", "PCAP", pcap);
    }

    /** Renders the scenario resource {@code name} for {@code call} (its media file as {@code mediaToken}), starts sipp. */
    private static SippCaller launch(Path workDir, Call call, String name, String mediaToken, Path media)
            throws IOException {
        Path scenario = workDir.resolve(name);
        Files.writeString(scenario, render(resource("/sipp/" + name), Map.of("CALLEE", call.callee(),
                "DOMAIN", call.domain(), "CALLER", call.caller(), "CALLER_NAME", call.callerName(),
                mediaToken, media.toString(), "MILLIS", Long.toString(call.talk().toMillis()))));
        int rtpPort = TcpPorts.free() & ~1;
        List<String> cmd = new ArrayList<>(List.of(ExternalCommand.executable("sipp"), call.proxy(),
                "-sf", scenario.toString(), "-t", "u1", "-m", "1", "-p", Integer.toString(TcpPorts.free()),
                "-i", "127.0.0.1", "-mi", "127.0.0.1", "-mp", Integer.toString(rtpPort), "-nostdin",
                "-timeout", (call.talk().toSeconds() + 25) + "s", "-timeout_error", "-trace_err", "-trace_msg",
                "-message_file", workDir.resolve("sipp-messages.log").toString(),
                "-error_file", workDir.resolve("sipp-errors.log").toString()));
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("sipp.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        return new SippCaller(call, workDir, p, List.copyOf(cmd));
    }

    /** Waits for sipp to end; a sipp still running at the deadline is killed (exit code -1). */
    public Result await(Duration timeout) {
        boolean done;
        try {
            done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (!done) {
            Processes.kill(process.toHandle(), Duration.ofSeconds(2));
        }
        return new Result(done ? process.exitValue() : -1, describe());
    }

    /** Whether sipp still runs. */
    public boolean running() {
        return process.isAlive();
    }

    public Call call() {
        return call;
    }

    /** The process, to check that nothing is left behind. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /** The command line, sipp's output, its error file and its message trace. */
    public String describe() {
        StringBuilder b = new StringBuilder("$ ").append(String.join(" ", command)).append('\n');
        for (String name : List.of("sipp.out", "sipp-errors.log", "sipp-messages.log")) {
            Path f = dir.resolve(name);
            b.append("--- ").append(name).append(":\n");
            try {
                b.append(Files.exists(f) ? Files.readString(f, StandardCharsets.ISO_8859_1) : "(none)\n");
            } catch (IOException e) {
                b.append("(unreadable: ").append(e).append(")\n");
            }
        }
        return b.toString();
    }

    /** Kills sipp if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            Processes.kill(process.toHandle(), Duration.ofSeconds(2));
        }
    }

    static String render(String text, Map<String, String> tokens) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = tokens.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("no value for @@" + m.group(1) + "@@");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String resource(String path) {
        try (InputStream in = SippCaller.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
