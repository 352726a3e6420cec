package io.github.rcsoftphone.interop.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command-line tool (openssl, sipp, kamcmd) to completion with a deadline, output captured to a file, stdin
 * empty. A tool still running at the deadline is killed with its children.
 */
public final class ExternalCommand {

    private ExternalCommand() {
    }

    /** What a finished command left: its exit code (-1 on timeout) and its combined stdout and stderr. */
    public record Result(List<String> command, int exitCode, String output, boolean timedOut) {
        /** True when the command finished in time with exit code 0. */
        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }

        /** The command line and its output, for assertion messages. */
        public String describe() {
            return "$ " + String.join(" ", command) + "\n(exit " + (timedOut ? "TIMEOUT" : exitCode) + ")\n" + output;
        }

        /** Returns this result, or throws with the output when the command failed. */
        public Result orThrow() {
            if (!ok()) {
                throw new IllegalStateException("command failed:\n" + describe());
            }
            return this;
        }
    }

    /** Runs {@code command} in {@code workDir} and waits at most {@code timeout}. */
    public static Result run(Path workDir, Duration timeout, List<String> command) throws IOException {
        Path out = Files.createTempFile(workDir, "cmd-", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            boolean done;
            try {
                done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                done = false;
            }
            if (!done) {
                Processes.kill(p.toHandle(), Duration.ofSeconds(2));
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            return new Result(List.copyOf(command), done ? p.exitValue() : -1, text, !done);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** Runs {@code first, rest...}; see {@link #run(Path, Duration, List)}. */
    public static Result run(Path workDir, Duration timeout, String first, String... rest) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(first);
        command.addAll(List.of(rest));
        return run(workDir, timeout, command);
    }

    /** The absolute path of an executable found on PATH or in the usual sbin directories. */
    public static String executable(String name) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin", "/usr/local/sbin", "/usr/local/bin"));
        for (String dir : dirs) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " is not installed (run .ci/run, which installs the interop tools)");
    }
}
