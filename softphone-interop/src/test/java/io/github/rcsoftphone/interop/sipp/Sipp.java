package io.github.rcsoftphone.interop.sipp;

import io.github.rcsoftphone.interop.support.ExternalCommand;
import io.github.rcsoftphone.interop.support.TcpPorts;
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

/**
 * Runs the third-party SIP tester {@code sipp} (package sip-tester) for one call of a scenario from the test
 * resources under {@code sipp/}. {@code @@NAME@@} tokens in the scenario are replaced first; sipp's own keywords
 * ({@code [service]}, {@code [domain]} via {@code -key}) stay for sipp. Always passes {@code -p} (sipp's default local
 * port would collide with TLS 5061).
 */
public final class Sipp {

    private Sipp() {
    }

    /**
     * Runs scenario {@code name} once against {@code target} ({@code host:port}) over TCP.
     *
     * @param workDir where the rendered scenario and sipp's message trace go
     * @param tokens values for the scenario's {@code @@NAME@@} tokens
     * @param extra more sipp arguments (e.g. {@code -s user -au authId -ap password -key domain sip.test})
     * @return the result; its output ends with sipp's message trace
     */
    public static ExternalCommand.Result runTcp(Path workDir, String name, Map<String, String> tokens, String target,
            List<String> extra) throws IOException {
        Path scenario = workDir.resolve(name);
        Files.writeString(scenario, render(resource("/sipp/" + name), tokens));
        Path messages = workDir.resolve(name + ".messages.log");
        List<String> cmd = new ArrayList<>(List.of(ExternalCommand.executable("sipp"), target, "-sf",
                scenario.toString(), "-t", "t1", "-m", "1", "-p", Integer.toString(TcpPorts.free()), "-i", "127.0.0.1",
                "-nostdin", "-timeout", "15s", "-timeout_error", "-trace_msg", "-message_file", messages.toString()));
        cmd.addAll(extra);
        ExternalCommand.Result r = ExternalCommand.run(workDir, Duration.ofSeconds(30), cmd);
        String trace = Files.exists(messages) ? Files.readString(messages, StandardCharsets.ISO_8859_1) : "";
        return new ExternalCommand.Result(r.command(), r.exitCode(), r.output() + "\n--- sipp messages:\n" + trace,
                r.timedOut());
    }

    /**
     * Starts scenario {@code name} as a server (UAS) listening on TCP {@code port} of 127.0.0.1, in the background,
     * for one call; its output and message trace go to {@code workDir/<name>.out} and {@code <name>.messages.log}.
     */
    public static Process startTcpServer(Path workDir, String name, Map<String, String> tokens, int port)
            throws IOException {
        Path scenario = workDir.resolve(name);
        Files.writeString(scenario, render(resource("/sipp/" + name), tokens));
        List<String> cmd = List.of(ExternalCommand.executable("sipp"), "-sf", scenario.toString(), "-t", "t1",
                "-m", "1", "-p", Integer.toString(port), "-i", "127.0.0.1", "-nostdin", "-timeout", "40s",
                "-timeout_error", "-trace_msg", "-message_file", workDir.resolve(name + ".messages.log").toString());
        return new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(workDir.resolve(name + ".out").toFile()).start();
    }

    /** What a {@link #startTcpServer} run printed and its message trace, for failure messages. */
    public static String describe(Path workDir, String name) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String file : List.of(name + ".out", name + ".messages.log")) {
            Path f = workDir.resolve(file);
            b.append("--- ").append(file).append(":\n")
                    .append(Files.exists(f) ? Files.readString(f, StandardCharsets.ISO_8859_1) : "(none)\n");
        }
        return b.toString();
    }

    private static String render(String text, Map<String, String> tokens) {
        String out = text;
        for (Map.Entry<String, String> e : tokens.entrySet()) {
            out = out.replace("@@" + e.getKey() + "@@", e.getValue());
        }
        if (out.contains("@@")) {
            throw new IllegalArgumentException("scenario has unreplaced tokens: " + out);
        }
        return out;
    }

    private static String resource(String path) {
        try (InputStream in = Sipp.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
