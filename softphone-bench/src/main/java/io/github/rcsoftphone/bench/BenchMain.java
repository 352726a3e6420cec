package io.github.rcsoftphone.bench;

import java.io.IOException;
import java.nio.file.Files;
import io.github.rcsoftphone.media.codec.OpusImplementation;
import java.time.Duration;
import java.util.Locale;

/**
 * Runs the benchmarks and writes BENCHMARKS.md; started by {@code scripts/bench [--quick]} inside a private network
 * namespace. See {@link BenchOptions} for the options.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) throws IOException {
        BenchOptions options = BenchOptions.parse(args);
        Machine machine = Machine.current();
        Results results = run(options);
        String extra = options.extraNotes() != null && Files.exists(options.extraNotes())
                ? Files.readString(options.extraNotes()) : null;
        Report.write(options.out(), Report.render(machine, options, results, extra));
        System.out.println("wrote " + options.out().toAbsolutePath());
        results.figures().stream().filter(f -> f.verdict().equals("MISSED"))
                .forEach(f -> System.out.println("MISSED: " + f.scenario() + " " + f.name() + " median "
                        + Figure.format(f.median()) + " " + f.unit() + ", target " + f.target()));
    }

    /** Runs the scenarios in {@code options}; failures of one scenario become notes, the others still run. */
    public static Results run(BenchOptions options) throws IOException {
        Files.createDirectories(options.work());
        Results results = new Results();
        if (options.only().contains(MicroScenario.ID)) {
            guard(results, MicroScenario.ID, () -> MicroScenario.run(options.quick(), results));
        }
        if (options.only().contains(RegisterScenario.ID)) {
            int n = options.quick() ? 20 : 1000;
            guard(results, RegisterScenario.ID, () -> RegisterScenario.run(n, options.concurrency(), options.runs(),
                    Duration.ofSeconds(options.quick() ? 2 : 5),
                    options.work(), results, options.profile()));
        }
        CallScenario calls = new CallScenario(options.work(), results, options.profile());
        boolean quick = options.quick();
        int runs = options.runs();
        if (options.only().contains("S4")) {
            guard(results, "S4", () -> calls.latency(quick ? 3 : 10, quick ? 10 : 100, runs));
        }
        Duration warmUp = Duration.ofSeconds(quick ? 1 : 5);
        Duration window = Duration.ofSeconds(quick ? 2 : 10);
        if (options.only().contains("S1")) {
            for (int n : options.s1Calls()) {
                guard(results, "S1", () -> calls.load("S1", n, "PCMU", "record", OpusImplementation.AUTO, null,
                        n >= 100 ? 25 : 10, warmUp, window, runs, Target.atMost(1.0), Target.atMost(0.3)));
            }
        }
        if (options.only().contains("S2")) {
            for (OpusImplementation opus : options.opus()) {
                String variant = opus.name().toLowerCase(Locale.ROOT);
                for (int n : options.s2Calls()) {
                    guard(results, "S2", () -> calls.load("S2", n, "opus", "bot", opus, variant, n >= 100 ? 25 : 10,
                            warmUp, window, runs, null, null));
                }
            }
            results.note("S2", "Rows `native` run both processes' softphones (the bot and the callers) on libopus, "
                    + "rows `java` on concentus (`Softphone.Builder.opus`)"
                    + (OpusImplementation.nativeAvailable() ? "." : "; libopus could not be loaded here."));
        }
        return results;
    }

    private static void guard(Results results, String scenario, Runnable body) {
        try {
            body.run();
        } catch (RuntimeException e) {
            results.note(scenario, "**The scenario failed:** " + e);
        }
    }
}
