package io.github.rcsoftphone.bench;

import io.github.rcsoftphone.media.codec.OpusImplementation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Call scenarios: the driver process (edge + one calling softphone) calls the process under test (one softphone that
 * answers every call), WebRTC over WSS on loopback. S4 measures set-up latency at the caller; S1 (PCMU, recorded to
 * WAV) and S2 (Opus both ways, a tone played back) measure the answering process's CPU, memory and packet loss with N
 * calls up.
 */
final class CallScenario {
    /**
     * The process under test: a heap sized for the job and committed up front (a server is run like that), so RSS
     * growth per call is what calls add beyond the Java heap; the live heap per call is measured after GC.
     */
    static final List<String> SUBJECT_JVM = List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch");

    /** The driver: room for the edge and the callers' calls. */
    static final List<String> DRIVER_JVM = List.of("-Xmx2g");

    /** Calls made before S4's timed ones in each run. */
    static final int WARM_UP_CALLS = 5;
    private final Path work;
    private final Results results;
    private final boolean profile;

    /** @param profile record a JFR profile of each driver and subject process into the logs directory */
    CallScenario(Path work, Results results, boolean profile) {
        this.work = work;
        this.profile = profile;
        this.results = results;
    }

    /** The two processes of one run, the answerer registered and answering. */
    private record Setup(Child driver, Child subject, Path recordings) implements AutoCloseable {
        @Override
        public void close() {
            try (Child d = driver; Child s = subject) {
                deleteTree(recordings);
            }
        }
    }

    /** {@code base} plus, when profiling, a JFR recording into the logs directory as {@code name.jfr}. */
    private List<String> jvm(List<String> base, String name) {
        List<String> jvm = new ArrayList<>(base);
        if (profile) {
            jvm.add("-XX:StartFlightRecording=settings=profile,filename="
                    + work.resolve("logs").resolve(name + ".jfr").toAbsolutePath());
        }
        return jvm;
    }

    /** Both processes' softphones (the answerer and the caller) use {@code opus}. */
    private Setup setUp(String name, String mode, OpusImplementation opus) {
        return setUp(name, mode, opus, false);
    }

    /** As {@link #setUp(String, String, OpusImplementation)}; {@code timed}: the answerer notes its first audio. */
    private Setup setUp(String name, String mode, OpusImplementation opus, boolean timed) {
        Child driver = Child.start(name + "-driver", DriverMain.class, jvm(DRIVER_JVM, name + "-driver"),
                List.of("1", opus.name()), work.resolve("logs"));
        Child subject = null;
        try {
            subject = Child.start(name + "-softphone", SubjectMain.class, jvm(SUBJECT_JVM, name + "-softphone"),
                    List.of(), work.resolve("logs"));
            String[] ready = driver.await("READY", Duration.ofSeconds(60));
            subject.send("PHONES 1 " + ready[0] + " " + ready[1] + " 0 " + opus.name());
            subject.await("REGISTERED", Duration.ofSeconds(60));
            Path recordings = work.resolve("recordings-" + name);
            subject.send("ANSWER " + mode + " " + recordings + (timed ? " timed" : ""));
            subject.await("ANSWERING", Duration.ofSeconds(10));
            return new Setup(driver, subject, recordings);
        } catch (RuntimeException e) {
            if (subject != null) {
                subject.close();
            }
            driver.close();
            throw e;
        }
    }

    /**
     * S4: k calls one at a time, then m calls at 20 per second; p50 and p95 of the set-up times per run. Measured twice:
     * end to end at the calling softphone (from before {@code Softphone.call}), and for the answering softphone alone
     * at the edge (its INVITE -> 200 OK on the network, and INVITE -> its first decoded frame). The targets apply to
     * both INVITE -> 200 OK measures; the other rows are extra figures.
     */
    void latency(int k, int m, int runs) {
        String id = "S4";
        // caller: accepted, answered, first audio; answerer: 200 OK at the edge, first decoded frame
        List<List<Double>> serial = lists(5);
        List<List<Double>> paced = lists(5);
        List<Double> pacedFailed = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            try (Setup s = setUp("s4-run" + run, "record", OpusImplementation.AUTO, true)) {
                // warm-up calls, not counted: a fresh JVM's first calls load and compile the call path (and the
                // first one runs jitsi-srtp's AES benchmark, seconds), which is not set-up time
                s.driver.send("SERIAL " + WARM_UP_CALLS + " PCMU 1");
                s.driver.await("ESTABLISHED", Duration.ofSeconds(60L * WARM_UP_CALLS));
                s.driver.await("LATENCY", Duration.ofSeconds(5));
                firstAudio(s.subject);
                s.driver.send("SERIAL " + k + " PCMU 1");
                s.driver.await("ESTABLISHED", Duration.ofSeconds(60L * k));
                add(serial, timings(s), 50);
                s.driver.send("CALLS " + m + " 20 PCMU 1");
                String[] est = s.driver.await("ESTABLISHED", Duration.ofSeconds(m / 20 + 120));
                add(paced, timings(s), 95);
                pacedFailed.add(Double.parseDouble(est[1]));
                s.driver.send("HANGUP");
                s.driver.await("HUNGUP", Duration.ofSeconds(60));
            } catch (BenchException e) {
                results.note(id, "run " + run + " failed: " + e.getMessage());
                for (List<Double> l : serial) {
                    pad(run, l);
                }
                for (List<Double> l : paced) {
                    pad(run, l);
                }
                pad(run, pacedFailed);
            }
        }
        String one = "1 call at a time (" + k + " calls per run): ";
        String many = m + " calls arriving at 20/s: ";
        String answerer = "answerer's INVITE → ";
        results.add(new Figure(id, one + answerer + "200 OK, p50", "ms", serial.get(3), Target.atMost(20)));
        results.add(new Figure(id, many + answerer + "200 OK, p95", "ms", paced.get(3), Target.atMost(100)));
        results.add(new Figure(id, one + "end to end: INVITE → 200 OK, p50", "ms", serial.get(0), Target.atMost(20)));
        results.add(new Figure(id, many + "end to end: INVITE → 200 OK, p95", "ms", paced.get(0), Target.atMost(100)));
        results.add(new Figure(id, many + "calls failed", "count", pacedFailed, Target.atMost(0)));
        results.add(new Figure(id, one + answerer + "first decoded audio frame, p50", "ms", serial.get(4), null));
        results.add(new Figure(id, many + answerer + "first decoded audio frame, p95", "ms", paced.get(4), null));
        results.add(new Figure(id, one + "end to end: INVITE → answered (media flowing), p50", "ms", serial.get(1), null));
        results.add(new Figure(id, one + "end to end: INVITE → first decoded audio frame, p50", "ms", serial.get(2),
                null));
        results.add(new Figure(id, many + "end to end: INVITE → answered (media flowing), p95", "ms", paced.get(1),
                null));
        results.add(new Figure(id, many + "end to end: INVITE → first decoded audio frame, p95", "ms", paced.get(2),
                null));
        results.note(id, "PCMU, WebRTC over WSS through the embedded edge in the driver process, after "
                + WARM_UP_CALLS + " untimed warm-up calls. **Answerer** rows (what the issue's reference, the Go "
                + "SDK's INVITE-to-200 time, measures): at the edge, from just before it writes the INVITE towards the "
                + "answering softphone until it has read that softphone's 200 OK (both loopback hops, TLS and "
                + "WebSocket framing and the answerer's work: parsing, UDP socket, ICE candidates, SDP answer); "
                + "first decoded audio frame: until the answering softphone's first decoded 20 ms frame of the "
                + "caller's tone (taken in the process under test; `System.nanoTime` is Linux's CLOCK_MONOTONIC, one "
                + "clock for both processes; includes the ACK, ICE, the DTLS handshake and the first packet). "
                + "**End to end** rows: at the calling softphone in the driver process, from just before "
                + "`Softphone.call`: INVITE → 200 OK until `Call.accepted()` completes (also preparing our offer and "
                + "the edge's 407 challenge, which a softphone answers ahead of time from its second call on by "
                + "reusing the last challenge's nonce); answered until `Call.answered()` (also our ACK, ICE and the "
                + "DTLS handshake: media flows); first audio: the caller's first decoded 20 ms frame of the "
                + "answerer's audio (silence: the answerer records and plays nothing). The targets apply to both "
                + "INVITE → 200 OK measures; the other rows are extra figures. Calls at 20/s stay up until all are "
                + "set up. A run's value is the percentile over its calls; the table gives min/median/max of that "
                + "over the runs.");
    }

    /**
     * The driver's LATENCY answer (caller's accepted, answered, first audio; the answerer's 200 OK at the edge) and,
     * matched by Call-ID, the answerer's INVITE -> first decoded frame: five comma-separated lists in ms.
     */
    private static String[] timings(Setup s) {
        String[] latency = s.driver.await("LATENCY", Duration.ofSeconds(5));
        Map<String, Long> audio = firstAudio(s.subject);
        StringBuilder first = new StringBuilder();
        if (!latency[4].equals("-")) {
            for (String pair : latency[4].split(",")) {
                String[] kv = pair.split("=", 2);
                Long at = audio.get(kv[0]);
                double ms = at == null || kv[1].equals("null") ? Double.NaN : (at - Long.parseLong(kv[1])) / 1e6;
                first.append(first.length() == 0 ? "" : ",").append(ms);
            }
        }
        return new String[] {latency[0], latency[1], latency[2], latency[3], first.length() == 0 ? "-" : first.toString()};
    }

    /** The answerer's first-frame times by Call-ID since the last call of this (which forgets them there). */
    private static Map<String, Long> firstAudio(Child subject) {
        subject.send("FIRSTAUDIO");
        String[] answer = subject.await("FIRSTAUDIO", Duration.ofSeconds(10));
        Map<String, Long> out = new java.util.HashMap<>();
        if (!answer[0].equals("-")) {
            for (String pair : answer[0].split(",")) {
                String[] kv = pair.split("=", 2);
                out.put(kv[0], Long.parseLong(kv[1]));
            }
        }
        return out;
    }

    private static List<List<Double>> lists(int n) {
        List<List<Double>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        return out;
    }

    /** Adds percentile {@code p} of each comma-separated latency list in {@code latency} to the matching list. */
    private static void add(List<List<Double>> to, String[] latency, int p) {
        for (int i = 0; i < to.size(); i++) {
            to.get(i).add(percentile(latency[i], p));
        }
    }

    /**
     * S1/S2: n calls up in the answering process; CPU over a steady window, memory per call against the idle,
     * registered softphone, loss from the answerer's RTP statistics. Both processes use {@code opus}; a non-null
     * {@code variant} (S2: native or java) labels the rows.
     */
    void load(String id, int n, String codec, String mode, OpusImplementation opus, String variant, double perSecond,
            Duration warmUp, Duration window, int runs, Target cpuTarget, Target memTarget) {
        String row = "N=" + n + (variant == null ? "" : " " + variant);
        List<Double> established = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        List<Double> heap = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> loss = new ArrayList<>();
        List<Double> rate = new ArrayList<>();
        List<Double> driverCpu = new ArrayList<>();
        String breakdown = "";
        String driverBreakdown = "";
        for (int run = 1; run <= runs; run++) {
            String name = id.toLowerCase() + "-" + n + (variant == null ? "" : "-" + variant) + "-run" + run;
            try (Setup s = setUp(name, mode, opus)) {
                String[] idle = measure(s.subject);
                long rss0 = s.subject.rssBytes();
                s.driver.send("CALLS " + n + " " + perSecond + " " + codec + " 1");
                String[] est = s.driver.await("ESTABLISHED", Duration.ofSeconds((long) (n / perSecond) + 180));
                s.driver.await("LATENCY", Duration.ofSeconds(5));
                established.add(Double.parseDouble(est[0]));
                wait(s.subject, warmUp);
                long[] stats0 = callStats(s.subject);
                Duration cpu0 = s.subject.cpu();
                Duration driver0 = s.driver.cpu();
                Map<String, Double> threads0 = ThreadCpu.snapshot(s.subject.pid());
                Map<String, Double> driverThreads0 = ThreadCpu.snapshot(s.driver.pid());
                long t0 = System.nanoTime();
                wait(s.subject, window);
                double seconds = (System.nanoTime() - t0) / 1e9;
                Duration cpu1 = s.subject.cpu();
                Duration driver1 = s.driver.cpu();
                breakdown = ThreadCpu.delta(threads0, ThreadCpu.snapshot(s.subject.pid()));
                driverBreakdown = ThreadCpu.delta(driverThreads0, ThreadCpu.snapshot(s.driver.pid()));
                long[] stats1 = callStats(s.subject);
                long connected = stats1[1];
                cpu.add(cpu1.minus(cpu0).toNanos() / 1e6 / (connected * seconds));
                rate.add((stats1[3] - stats0[3]) / (connected * seconds));
                driverCpu.add(driver1.minus(driver0).toNanos() / 1e6 / (connected * seconds));
                String[] busy = measure(s.subject);
                long rss1 = s.subject.rssBytes();
                heap.add((Double.parseDouble(busy[0]) - Double.parseDouble(idle[0])) / n / 1e6);
                rss.add((rss1 - rss0) / (double) n / 1e6);
                s.driver.send("HANGUP");
                s.driver.await("HUNGUP", Duration.ofSeconds(120));
                long[] end = callStats(s.subject);
                loss.add(end[3] + end[4] == 0 ? Double.NaN : 100.0 * end[4] / (end[3] + end[4]));
            } catch (BenchException e) {
                results.note(id, row + " run " + run + " failed: " + e.getMessage());
                pad(run, established, cpu, heap, rss, loss, rate, driverCpu);
            }
        }
        results.add(new Figure(id, row + ": calls established", "calls", established, Target.atLeast(n)));
        results.add(new Figure(id, row + ": CPU per call-second", "ms", cpu, cpuTarget));
        results.add(new Figure(id, row + ": heap per call (after GC)", "MB", heap, memTarget));
        results.add(new Figure(id, row + ": RSS per call", "MB", rss, memTarget));
        results.add(new Figure(id, row + ": packets lost (RFC 3550)", "%", loss, Target.atMost(0.1)));
        results.add(new Figure(id, row + ": packets received per call-second (a real-time sender sends 50)",
                "packets", rate, Target.atLeast(49.5)));
        results.add(new Figure(id, row + ": the driver's CPU per call-second (edge + callers, not the process under "
                + "test)", "ms", driverCpu, null));
        results.note(id, row + ": CPU of the answering process by thread over the window (last run): "
                + breakdown + ". Packets received per call-second counts what the answerer got in the window; "
                + "a real-time sender sends 50, the window's edges make ±1 packet in 500 (the target 49.5 allows "
                + "1%); less means the sender or the receiver fell behind, which RFC 3550 loss does not show. "
                + "CPU of the driver by thread over the window (last run): " + driverBreakdown + ". " + DRIVER_NOTE);
    }

    /** What the driver does in S1 and S2 (printed into the report; keep it true to {@link CallerLoad}). */
    static final String DRIVER_NOTE = "The driver's callers play one precomputed second of a 440 Hz tone in a loop, "
            + "decode what they receive only until their first frame (then they remove their `onAudio` consumer: "
            + "packets are still received, authenticated and counted, neither jitter-buffered nor decoded) and encode Opus at complexity "
            + CallerLoad.DRIVER_OPUS_COMPLEXITY + " (`Softphone.Builder.opusComplexity`); the process under test "
            + "keeps the default complexity " + io.github.rcsoftphone.media.codec.AudioCodecs.DEFAULT_OPUS_COMPLEXITY
            + " and does everything its scenario says.";

    private static void wait(Child subject, Duration d) {
        subject.send("IDLE " + d.toMillis());
        subject.await("IDLE", d.plusSeconds(30));
    }

    /** calls, connected, ended, received, lost, frames. */
    private static long[] callStats(Child subject) {
        subject.send("CALLSTATS");
        return Arrays.stream(subject.await("CALLSTATS", Duration.ofSeconds(30))).mapToLong(Long::parseLong).toArray();
    }

    private static String[] measure(Child subject) {
        subject.send("MEASURE");
        return subject.await("MEASURE", Duration.ofSeconds(60));
    }

    static double percentile(String csv, int p) {
        if (csv.equals("-")) {
            return Double.NaN;
        }
        double[] v = Arrays.stream(csv.split(",")).mapToDouble(Double::parseDouble).filter(d -> !Double.isNaN(d))
                .sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * v.length) - 1;
        return v[Math.max(0, Math.min(v.length - 1, index))];
    }

    @SafeVarargs
    private static void pad(int run, List<Double>... lists) {
        for (List<Double> l : lists) {
            while (l.size() < run) {
                l.add(Double.NaN);
            }
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
