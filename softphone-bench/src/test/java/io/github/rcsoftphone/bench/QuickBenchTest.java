package io.github.rcsoftphone.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.media.codec.OpusImplementation;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick mode of S3 (20 softphones) and S1 (3 calls) end to end, child processes included, so that the benchmark
 * code cannot rot. Opens sockets and starts JVMs: tagged {@code quick-bench}, run only with {@code -Pbench} inside a
 * network namespace (see scripts/bench).
 */
@Tag("quick-bench")
class QuickBenchTest {

    @Test
    @Timeout(120)
    void quickRegistrationAndRecorderProduceTheirRows(@TempDir Path work) throws Exception {
        Path out = work.resolve("BENCHMARKS.md");
        BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--only", "S3,S1", "--work",
                work.toString(), "--out", out.toString()});

        Results results = BenchMain.run(options);

        assertThat(results.notes("S3")).noneMatch(n -> n.contains("failed"));
        assertThat(results.notes("S1")).noneMatch(n -> n.contains("failed"));
        assertThat(results.figure("S3", "20 softphones, at most 32 in flight: registrations failed"))
                .hasValueSatisfying(f -> assertThat(f.median()).isZero());
        assertThat(results.figure("S3", "threads per softphone"))
                .hasValueSatisfying(f -> assertThat(f.median()).isPositive());
        assertThat(results.figure("S1", "N=3: calls established"))
                .hasValueSatisfying(f -> assertThat(f.median()).isEqualTo(3));
        assertThat(results.figure("S1", "N=3: CPU per call-second"))
                .hasValueSatisfying(f -> assertThat(f.median()).isPositive());
        String report = Report.render(Machine.current(), options, results, null);
        assertThat(report).contains("## Machine", "| CPU |", "## S3", "## S1", "N=3: packets lost", "scripts/bench");
    }

    @Test
    @Timeout(300)
    void quickVoiceBotRunsOnEachOpusImplementation(@TempDir Path work) throws Exception {
        BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--only", "S2", "--work", work.toString(),
            "--out", work.resolve("BENCHMARKS.md").toString()});
        assertThat(options.opus()).contains(OpusImplementation.JAVA);
        assertThat(options.opus().contains(OpusImplementation.NATIVE)).isEqualTo(OpusImplementation.nativeAvailable());

        Results results = BenchMain.run(options);

        assertThat(results.notes("S2")).noneMatch(n -> n.contains("failed"));
        for (OpusImplementation opus : options.opus()) {
            String row = "N=2 " + opus.name().toLowerCase(java.util.Locale.ROOT);
            assertThat(results.figure("S2", row + ": calls established"))
                    .hasValueSatisfying(f -> assertThat(f.median()).isEqualTo(2));
            assertThat(results.figure("S2", row + ": CPU per call-second"))
                    .hasValueSatisfying(f -> assertThat(f.median()).isPositive());
        }
    }

    @Test
    @Timeout(180)
    void quickSetUpLatencyTimesTheTwoHundredBeforeMediaFlowsAtBothEnds(@TempDir Path work) throws Exception {
        BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--only", "S4", "--work", work.toString(),
            "--out", work.resolve("BENCHMARKS.md").toString()});

        Results results = BenchMain.run(options);

        assertThat(results.notes("S4")).noneMatch(n -> n.contains("failed:"));
        String one = "1 call at a time (3 calls per run): ";
        String many = "10 calls arriving at 20/s: ";
        double ok = median(results, one + "end to end: INVITE → 200 OK, p50");
        double answered = median(results, one + "end to end: INVITE → answered (media flowing), p50");
        assertThat(ok).isPositive().isLessThanOrEqualTo(answered);
        double answererOk = median(results, one + "answerer's INVITE → 200 OK, p50");
        assertThat(answererOk).as("the answerer's part of the set-up").isPositive().isLessThan(ok);
        assertThat(median(results, one + "answerer's INVITE → first decoded audio frame, p50"))
                .isGreaterThan(answererOk);
        assertThat(median(results, many + "end to end: INVITE → 200 OK, p95")).isPositive();
        assertThat(median(results, many + "answerer's INVITE → 200 OK, p95")).isPositive();
        assertThat(results.figure("S4", "10 calls arriving at 20/s: calls failed"))
                .hasValueSatisfying(f -> assertThat(f.median()).isZero());
    }

    private static double median(Results results, String row) {
        return results.figure("S4", row).orElseThrow(() -> new AssertionError("no row " + row)).median();
    }
}
