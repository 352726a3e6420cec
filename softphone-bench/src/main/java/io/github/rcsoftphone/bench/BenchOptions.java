package io.github.rcsoftphone.bench;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Command-line options of {@link BenchMain}.
 *
 * @param quick small N and short windows (a smoke run, about 2 minutes)
 * @param out where BENCHMARKS.md goes
 * @param work directory for logs and recordings
 * @param only scenarios to run (micro, S3, S4, S1, S2)
 * @param runs repetitions of each scenario (default 3; 1 in quick mode)
 * @param sharedNote a sentence about other load on the machine, or null
 * @param command how the run was started (printed in the report)
 * @param extraNotes a markdown file appended to the report (e.g. the profile), or null
 * @param concurrency S3: registrations in flight at once (0: all)
 */
record BenchOptions(boolean quick, Path out, Path work, Set<String> only, int runs, String sharedNote, String command,
        Path extraNotes, int concurrency) {

    static final List<String> ALL = List.of(MicroScenario.ID, RegisterScenario.ID, "S4", "S1", "S2");

    static BenchOptions parse(String[] args) {
        boolean quick = false;
        Path out = Path.of("BENCHMARKS.md");
        Path work = Path.of("softphone-bench", "target", "bench");
        Set<String> only = new LinkedHashSet<>(ALL);
        int runs = -1;
        String shared = null;
        String command = "scripts/bench";
        Path extra = null;
        int concurrency = 32;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--out" -> out = Path.of(args[++i]);
                case "--work" -> work = Path.of(args[++i]);
                case "--only" -> only = new LinkedHashSet<>(List.of(args[++i].split(",")));
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--shared" -> shared = args[++i];
                case "--command" -> command = args[++i];
                case "--notes" -> extra = Path.of(args[++i]);
                case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--quick, --out FILE, --work DIR, --only micro,S3,S4,S1,S2, --runs N, --shared TEXT,"
                        + " --notes FILE, --concurrency N)");
            }
        }
        if (runs == -1) {
            runs = quick ? 1 : 3;
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        return new BenchOptions(quick, out, work, only, runs, shared, command, extra, concurrency);
    }
}
