package io.github.rcsoftphone.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a command touches outside itself, passed in so that commands run in-process in tests.
 *
 * @param env the process environment (the {@code .env} file is merged under it)
 * @param workDir the user's working directory, where {@code .env} is looked for
 * @param out standard output: events only
 * @param err standard error: diagnostics
 * @param clock stamps JSON events
 * @param phones creates the softphone
 * @param stopSignal tells a long-running command to stop
 */
public record CliContext(Map<String, String> env, Path workDir, PrintStream out, PrintStream err, Clock clock,
        PhoneFactory phones, StopSignal stopSignal) {

    public CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(phones, "phones");
        Objects.requireNonNull(stopSignal, "stopSignal");
    }
}
