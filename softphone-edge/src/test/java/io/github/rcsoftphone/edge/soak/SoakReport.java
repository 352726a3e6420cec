package io.github.rcsoftphone.edge.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A soak's samples and the leak verdict. The criterion: from the warm baseline (the first sample, taken after a
 * warm-up) on, every sample is {@linkplain ResourceSample#within within} the baseline's bounds (no new kind of thread,
 * at most {@value #THREAD_SLACK} threads more for cached pools, no more open descriptors; the soak waits up to 10 s
 * for the ones a call or refresh just released), and the heap after GC at the last sample exceeds the first by no
 * more than {@code heapLimitKb} KB per {@code per} units plus {@value #HEAP_NOISE_KB} KB (one GC's measuring noise).
 * The first and the last samples are taken at rest (the call soak waits out the 32 s an ended call stays reachable
 * through its INVITE transaction, RFC 6026 Timer M); the least-squares slope over all samples is shown too.
 *
 * @param unit what {@link ResourceSample#at()} counts: {@code calls} or {@code simulated h}
 * @param per the heap slope is given per this many units (1000 calls, 24 simulated hours)
 * @param figures other measured values, in order (name to value)
 */
record SoakReport(String title, String unit, int per, List<ResourceSample> samples, Duration duration, double heapLimitKb,
        Map<String, String> figures, List<String> failures) {

    /** Threads a sample may have above the baseline: cached pools that grew a thread for two overlapping tasks. */
    static final int THREAD_SLACK = 2;
    /** Heap after GC may differ this much between two samples at rest without growing. */
    static final long HEAP_NOISE_KB = 1024;

    SoakReport {
        samples = List.copyOf(samples);
        figures = Map.copyOf(figures);
        failures = List.copyOf(failures);
    }

    /** Heap growth in KB per {@link #per} units: the least-squares slope over the samples. */
    double heapSlopeKb() {
        int n = samples.size();
        if (n < 2) {
            return 0;
        }
        double mx = samples.stream().mapToDouble(ResourceSample::at).average().orElse(0);
        double my = samples.stream().mapToDouble(ResourceSample::heapAfterGc).average().orElse(0);
        double num = 0;
        double den = 0;
        for (ResourceSample s : samples) {
            num += (s.at() - mx) * (s.heapAfterGc() - my);
            den += (s.at() - mx) * (s.at() - mx);
        }
        return den == 0 ? 0 : num / den * per / 1024;
    }

    /** Heap after GC at the last sample minus the first, in KB. */
    double heapGrowthKb() {
        return samples.isEmpty() ? 0
                : (samples.get(samples.size() - 1).heapAfterGc() - samples.get(0).heapAfterGc()) / 1024.0;
    }

    /** What grew: threads or descriptors unlike the baseline, heap slope over the limit, and the run's own failures. */
    List<String> problems() {
        List<String> out = new ArrayList<>(failures);
        if (samples.isEmpty()) {
            out.add("no samples");
            return out;
        }
        ResourceSample base = samples.get(0);
        for (ResourceSample s : samples) {
            if (s.threads() > base.threads() + THREAD_SLACK
                    || !base.threadKinds().keySet().containsAll(s.threadKinds().keySet())) {
                out.add("threads at " + s.at() + " " + unit + ": " + s.threads() + " (baseline " + base.threads()
                        + " + " + THREAD_SLACK + "), by kind " + diff(base.threadKinds(), s.threadKinds()));
            }
            if (s.fds() > base.fds()) {
                out.add("open descriptors at " + s.at() + " " + unit + ": " + s.fds() + ", baseline " + base.fds());
            }
        }
        ResourceSample last = samples.get(samples.size() - 1);
        double allowed = heapLimitKb * (last.at() - base.at()) / per + HEAP_NOISE_KB;
        if (heapGrowthKb() > allowed) {
            out.add(String.format(Locale.ROOT, "heap after GC grew %.0f KB from %d to %d %s (allowed %.0f: %.0f KB per"
                    + " %d %s + %d)", heapGrowthKb(), base.at(), last.at(), unit, allowed, heapLimitKb, per, unit,
                    HEAP_NOISE_KB));
        }
        return out;
    }

    /** The samples as a Markdown table, the figures and the verdict. */
    String render() {
        StringBuilder b = new StringBuilder();
        b.append("### ").append(title).append("\n\n");
        b.append("| ").append(unit).append(" | real time | threads | open FDs | heap after GC |\n");
        b.append("|---:|---:|---:|---:|---:|\n");
        for (ResourceSample s : samples) {
            b.append(String.format(Locale.ROOT, "| %,d | %s | %d | %d | %.1f MB |%n", s.at(), clock(s.elapsed()),
                    s.threads(), s.fds(), s.heapAfterGc() / 1048576.0));
        }
        b.append('\n');
        figures.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append("- ").append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
        b.append(String.format(Locale.ROOT, "- heap after GC, first to last sample: %+.0f KB (allowed: %.0f KB per %d %s"
                + " + %d KB); least-squares slope over all samples %.0f KB per %d %s%n", heapGrowthKb(), heapLimitKb,
                per, unit, HEAP_NOISE_KB, heapSlopeKb(), per, unit));
        b.append(String.format(Locale.ROOT, "- real time: %s%n", clock(duration)));
        List<String> problems = problems();
        b.append("- verdict: ").append(problems.isEmpty() ? "flat (no leak)" : "LEAK OR FAILURE").append('\n');
        problems.stream().limit(20).forEach(p -> b.append("  - ").append(p).append('\n'));
        return b.toString();
    }

    static String clock(Duration d) {
        long s = d.toSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d.%d", s / 3600, s / 60 % 60, s % 60, d.toMillisPart() / 100);
    }

    private static String diff(Map<String, Integer> base, Map<String, Integer> now) {
        Map<String, String> d = new TreeMap<>();
        for (String k : union(base, now)) {
            int a = base.getOrDefault(k, 0);
            int b = now.getOrDefault(k, 0);
            if (a != b) {
                d.put(k, a + " -> " + b);
            }
        }
        return d.toString();
    }

    private static List<String> union(Map<String, Integer> a, Map<String, Integer> b) {
        TreeMap<String, Integer> all = new TreeMap<>(a);
        all.putAll(b);
        return List.copyOf(all.keySet());
    }
}
