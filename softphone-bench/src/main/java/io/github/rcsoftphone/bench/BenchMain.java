package io.github.rcsoftphone.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

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
                    options.work(), results));
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
