package io.github.rcsoftphone.bench;

import io.github.rcsoftphone.bench.micro.CodecBench;
import io.github.rcsoftphone.bench.micro.ResamplerBench;
import io.github.rcsoftphone.bench.micro.SipBench;
import io.github.rcsoftphone.bench.micro.SrtpBench;
import io.github.rcsoftphone.media.codec.OpusImplementation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH microbenchmarks, one thread each (ops/s per core). Full mode: 3 forks (the runs), 2 warm-up and 3
 * measurement iterations of 1 s each; quick mode: 1 fork whose 3 short iterations are the runs.
 */
final class MicroScenario {
    static final String ID = "micro";
    private static final Map<String, Target> TARGETS = Map.of(
            "SipBench.parseRegister200", Target.atLeast(500_000),
            "SipBench.parseInvite", Target.atLeast(500_000),
            "SipBench.parseInviteAndRead", Target.atLeast(500_000));

    private MicroScenario() {
    }

    static void run(boolean quick, Results results) {
        // CodecBench's Opus implementations: native only where libopus loads (the build of a native codec fails else)
        String[] opus = OpusImplementation.nativeAvailable() ? new String[] {"native", "java"} : new String[] {"java"};
        Options options = new OptionsBuilder()
                .include(pattern(SipBench.class)).include(pattern(SrtpBench.class))
                .include(pattern(CodecBench.class)).include(pattern(ResamplerBench.class))
                .forks(quick ? 1 : 3)
                .warmupIterations(quick ? 1 : 2).warmupTime(TimeValue.milliseconds(quick ? 300 : 1000))
                .measurementIterations(3).measurementTime(TimeValue.milliseconds(quick ? 300 : 1000))
                .param("opus", opus)
                .jvmArgsAppend("-Xmx512m")
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> runs;
        try {
            runs = new Runner(options).run();
        } catch (RunnerException e) {
            throw new BenchException("JMH failed: " + e.getMessage(), e);
        }
        for (RunResult run : runs) {
            if (!usesItsParams(run)) {
                continue;
            }
            String label = label(run);
            List<Double> values = new ArrayList<>();
            Collection<BenchmarkResult> forks = run.getBenchmarkResults();
            if (forks.size() > 1) {
                forks.forEach(f -> values.add(f.getPrimaryResult().getScore()));
            } else {
                for (BenchmarkResult f : forks) {
                    for (IterationResult i : f.getIterationResults()) {
                        values.add(i.getPrimaryResult().getScore());
                    }
                }
            }
            String shortName = run.getParams().getBenchmark().replaceAll(".*\\.([A-Za-z]+\\.[A-Za-z0-9]+)$", "$1");
            results.add(new Figure(ID, label, "ops/s", values, TARGETS.get(shortName)));
        }
        results.note(ID, "JMH 1.37, throughput mode, one benchmark thread (so ops/s is per core), "
                + (quick ? "1 fork, the runs are 3 iterations of 0.3 s after a 0.3 s warm-up (quick mode)"
                        : "the runs are 3 forked JVMs, each 2 x 1 s warm-up then 3 x 1 s measured")
                + ". SIP: the article's REGISTER 200 OK (" + io.github.rcsoftphone.bench.micro.SipSamples.REGISTER_200
                        .length() + " bytes) and INVITE with SDP (" + io.github.rcsoftphone.bench.micro.SipSamples.INVITE
                        .length() + " bytes); the parser reads structured headers lazily, so `parseInviteAndRead`"
                + " also reads Call-ID, CSeq, Via, From and To. SRTP: a 172-byte PCMU packet; unprotect refuses"
                + " replays, so it is measured as protect + unprotect (`roundTrip`). Codecs and resampler: one 20 ms"
                + " frame per op (50 ops/s = one real-time stream); Opus `[native]` is libopus through JNA, `[java]`"
                + " concentus" + (opus.length == 1 ? " (libopus could not be loaded here: no native rows)" : "")
                + ".");
    }

    /** CodecBench runs G.711 for each Opus implementation too: keep one run (the Java one) of what ignores it. */
    private static boolean usesItsParams(RunResult run) {
        String codec = run.getParams().getParam("codec");
        String opus = run.getParams().getParam("opus");
        return codec == null || opus == null || codec.startsWith("opus") || opus.equals("java");
    }

    private static String pattern(Class<?> c) {
        return "\\." + c.getSimpleName() + "\\.";
    }

    private static String label(RunResult run) {
        String name = run.getParams().getBenchmark();
        name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
        StringBuilder b = new StringBuilder(name);
        for (String key : run.getParams().getParamsKeys()) {
            String value = run.getParams().getParam(key);
            if (key.equals("opus") && !String.valueOf(run.getParams().getParam("codec")).startsWith("opus")) {
                continue;   // G.711 has no Opus implementation
            }
            b.append(" [").append(value).append(']');
        }
        return b.toString();
    }
}
