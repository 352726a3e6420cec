package io.github.rcsoftphone.bench;

import io.github.rcsoftphone.media.codec.OpusImplementation;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

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
 * @param opus S2: the Opus implementations to run it with, each its own rows (default native where libopus loads,
 *        then java)
 * @param s2Calls S2: the numbers of concurrent calls (default 10, 50, 150; 2 in quick mode)
 * @param s1Calls S1: the numbers of concurrent calls (default 10, 100, 1000; 3 in quick mode)
 * @param profile record a JFR profile of each process under test (S3: also of the edge) into the logs directory
 */
record BenchOptions(boolean quick, Path out, Path work, Set<String> only, int runs, String sharedNote, String command,
        Path extraNotes, int concurrency, List<OpusImplementation> opus, List<Integer> s2Calls,
        List<Integer> s1Calls, boolean profile) {

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
        List<OpusImplementation> opus = OpusImplementation.nativeAvailable()
                ? List.of(OpusImplementation.NATIVE, OpusImplementation.JAVA) : List.of(OpusImplementation.JAVA);
        List<Integer> s2Calls = null;
        List<Integer> s1Calls = null;
        boolean profile = false;
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
                case "--opus" -> opus = Stream.of(args[++i].split(","))
                        .map(v -> OpusImplementation.valueOf(v.trim().toUpperCase(Locale.ROOT))).toList();
                case "--s2" -> s2Calls = Stream.of(args[++i].split(",")).map(v -> Integer.parseInt(v.trim())).toList();
                case "--profile" -> profile = true;
                case "--s1" -> s1Calls = Stream.of(args[++i].split(",")).map(v -> Integer.parseInt(v.trim())).toList();
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (--quick, --out FILE, --work DIR, --only micro,S3,S4,S1,S2, --runs N, --shared TEXT,"
                        + " --notes FILE, --concurrency N, --opus native,java, --s1 N,N..., --s2 N,N..., --profile)");
            }
        }
        if (runs == -1) {
            runs = quick ? 1 : 3;
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        if (s1Calls == null) {
            s1Calls = quick ? List.of(3) : List.of(10, 100, 1000);
        }
        if (s2Calls == null) {
            s2Calls = quick ? List.of(2) : List.of(10, 50, 150);
        }
        return new BenchOptions(quick, out, work, only, runs, shared, command, extra, concurrency, opus, s2Calls, s1Calls, profile);
    }
}
