package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.cli.output.LiveScreen;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a command touches outside itself, passed in so that commands run in-process in tests.
 *
 * @param env the process environment (the {@code .env} file is merged under it)
 * @param workDir the user's working directory, where {@code .env} is looked for
 * @param out standard output: events only
 * @param err standard error: diagnostics (through {@code screen} when there is one)
 * @param clock stamps JSON events
 * @param phones creates the softphone
 * @param stopSignal tells a long-running command to stop
 * @param screen the terminal a person watches, when standard output is one: commands show the live status view
 */
public record CliContext(Map<String, String> env, Path workDir, PrintStream out, PrintStream err, Clock clock,
        PhoneFactory phones, StopSignal stopSignal, Optional<LiveScreen> screen) {

    /** A context without a terminal: output is plain lines (or JSON). */
    public CliContext(Map<String, String> env, Path workDir, PrintStream out, PrintStream err, Clock clock,
            PhoneFactory phones, StopSignal stopSignal) {
        this(env, workDir, out, err, clock, phones, stopSignal, Optional.empty());
    }

    public CliContext {
        env = Map.copyOf(env);
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(phones, "phones");
        Objects.requireNonNull(stopSignal, "stopSignal");
        Objects.requireNonNull(screen, "screen");
    }

    /** This context showing the live view on a terminal {@code width} columns wide; errors go through it. */
    public CliContext withScreen(int width) {
        if (screen.isPresent()) {
            return this;
        }
        LiveScreen s = new LiveScreen(out, err, width);
        return new CliContext(env, workDir, out, s.err(), clock, phones, stopSignal, Optional.of(s));
    }

    /** This context without the live view (plain lines or JSON). */
    public CliContext withoutScreen() {
        return screen.map(s -> new CliContext(env, workDir, out, s.rawErr(), clock, phones, stopSignal, Optional.empty()))
                .orElse(this);
    }
}
