package io.github.rcsoftphone.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * S3: n softphones in one JVM register at once over WSS against the embedded edge (in the driver process). The
 * softphone process measures the time from building the first softphone until every registration completed; the
 * benchmark takes its heap after GC, RSS, threads and CPU time before and after, and the edge process's CPU time
 * over the same span (what the server side costs per registration).
 */
final class RegisterScenario {
    static final String ID = "S3";

    private RegisterScenario() {
    }

    /** @param profile record a JFR profile of both processes (softphones and edge) into the logs directory */
    static void run(int n, int concurrency, int runs, Duration idleWindow, Path work, Results results,
            boolean profile) {
        List<Double> seconds = new ArrayList<>();
        List<Double> failures = new ArrayList<>();
        List<Double> threads = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> edgeCpu = new ArrayList<>();
        List<Double> idle = new ArrayList<>();
        String breakdown = "";
        String registerCpu = "";
        String idleCpu = "";
        for (int run = 1; run <= runs; run++) {
            String edgeName = "s3-edge-" + n + "-run" + run;
            String phonesName = "s3-phones-" + n + "-run" + run;
            try (Child driver = Child.start(edgeName, DriverMain.class, jvm(List.of("-Xmx2g"), profile, work, edgeName),
                    List.of(Integer.toString(n)), work.resolve("logs"));
                    Child phones = Child.start(phonesName, SubjectMain.class,
                            jvm(CallScenario.SUBJECT_JVM, profile, work, phonesName), List.of(), work.resolve("logs"))) {
                String[] ready = driver.await("READY", Duration.ofSeconds(60));
                String[] before = measure(phones);
                long rss0 = phones.rssBytes();
                Duration cpu0 = phones.cpu();
                Duration edge0 = driver.cpu();
                Map<String, Double> threads0 = ThreadCpu.snapshot(phones.pid());
                phones.send("PHONES " + n + " " + ready[0] + " " + ready[1] + " " + concurrency);
                String[] registered = phones.await("REGISTERED", Duration.ofSeconds(180));
                Duration cpu1 = phones.cpu();
                Duration edge1 = driver.cpu();
                Map<String, Double> threads1 = ThreadCpu.snapshot(phones.pid());
                String[] after = measure(phones);
                Duration idle0 = phones.cpu();
                Map<String, Double> threads2 = ThreadCpu.snapshot(phones.pid());
                long t0 = System.nanoTime();
                phones.send("IDLE " + idleWindow.toMillis());
                phones.await("IDLE", idleWindow.plusSeconds(30));
                double wallMs = (System.nanoTime() - t0) / 1e6;
                idle.add(phones.cpu().minus(idle0).toNanos() / 1e6 / wallMs * 100);
                idleCpu = ThreadCpu.delta(threads2, ThreadCpu.snapshot(phones.pid()));
                registerCpu = ThreadCpu.delta(threads0, threads1);
                long rss1 = phones.rssBytes();
                seconds.add(Long.parseLong(registered[0]) / 1000.0);
                failures.add(Double.parseDouble(registered[1]));
                threads.add((Double.parseDouble(after[1]) - Double.parseDouble(before[1])) / n);
                heap.add((Double.parseDouble(after[0]) - Double.parseDouble(before[0])) / n / 1e6);
                rss.add((rss1 - rss0) / (double) n / 1e6);
                cpu.add(cpu1.minus(cpu0).toNanos() / 1e6 / n);
                edgeCpu.add(edge1.minus(edge0).toNanos() / 1e6 / n);
                breakdown = after[2];
            } catch (BenchException e) {
                results.note(ID, "run " + run + " failed: " + e.getMessage());
                for (List<Double> l : List.of(seconds, failures, threads, heap, rss, cpu, edgeCpu, idle)) {
                    while (l.size() < run) {
                        l.add(Double.NaN);
                    }
                }
            }
        }
        String how = concurrency <= 0 ? "all at once" : "at most " + concurrency + " in flight";
        results.add(new Figure(ID, n + " softphones, " + how + ": build + register all (WSS)", "s", seconds,
                Target.atMost(10)));
        results.add(new Figure(ID, n + " softphones, " + how + ": registrations failed", "count", failures,
                Target.atMost(0)));
        results.add(new Figure(ID, "threads per softphone", "threads", threads, null));
        results.add(new Figure(ID, "heap per softphone (after GC)", "MB", heap, null));
        results.add(new Figure(ID, "RSS per softphone", "MB", rss, null));
        results.add(new Figure(ID, "CPU per softphone to build and register", "ms", cpu, null));
        results.add(new Figure(ID, "edge (driver process) CPU per registration", "ms", edgeCpu, null));
        results.add(new Figure(ID, n + " registered softphones, idle: CPU", "% of one core", idle, null));
        if (breakdown.isEmpty()) {
            return;
        }
        results.note(ID, "CPU of the softphone process by thread while registering (last run): " + registerCpu + ".");
        results.note(ID, "CPU by thread while " + n + " softphones sit registered and idle for " + idleWindow.toSeconds()
                + " s (last run): " + idleCpu + ".");
        results.note(ID, "Threads of the softphone process after registering " + n + " softphones (digits folded to #): `"
                + breakdown.replace(",", "`, `") + "`.");
    }

    /** {@code base} plus, when profiling, a JFR recording into {@code logs/<name>.jfr}. */
    private static List<String> jvm(List<String> base, boolean profile, Path work, String name) {
        List<String> jvm = new ArrayList<>(base);
        if (profile) {
            jvm.add("-XX:StartFlightRecording=settings=profile,filename="
                    + work.resolve("logs").resolve(name + ".jfr").toAbsolutePath());
        }
        return jvm;
    }

    /** heap bytes, thread count, thread breakdown. */
    private static String[] measure(Child phones) {
        phones.send("MEASURE");
        String[] m = phones.await("MEASURE", Duration.ofSeconds(60));
        return m.length == 3 ? m : new String[] {m[0], m[1], ""};
    }
}
