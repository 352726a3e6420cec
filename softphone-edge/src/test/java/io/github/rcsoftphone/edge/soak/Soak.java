package io.github.rcsoftphone.edge.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/** The soaks' shared limits and the machine line of their report. */
final class Soak {
    /** Calls before the warm baseline: JIT, pools and caches reach their steady size. */
    static final int WARM_UP_CALLS = 40;
    /**
     * Heap after GC (at rest) may grow at most this much per 1,000 calls in the long run: 0.5 KB a call. An ended
     * call that stayed reachable would hold its media state (codec, buffers, SRTP contexts: 40 KB and more). The
     * 10,000-call run ended 641 KB below its baseline (RELIABILITY.md).
     */
    static final double HEAP_KB_PER_1000_CALLS = 512;
    /**
     * The short run's limit, 4 KB a call: in the first few hundred calls caches still fill (about 1.1 MB by 200 calls,
     * gone by 10,000), so it catches gross leaks only: a retained call per call is ten times this.
     */
    static final double HEAP_KB_PER_1000_CALLS_SHORT = 4096;
    /** Heap after GC may grow at most this much per 24 simulated hours of refreshes (3,840 REGISTER exchanges). */
    static final double HEAP_KB_PER_24H = 512;

    private Soak() {
    }

    /** Date, cores, JVM, max heap and load average. */
    static String machine() {
        String load = "?";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            // not Linux: left out
        }
        Runtime rt = Runtime.getRuntime();
        return String.format("Run %s on %d cores, Java %s, max heap %d MB; load average (1/5/15 min, runnable/total, "
                + "last pid) %s", LocalDate.now(), rt.availableProcessors(), System.getProperty("java.version"),
                rt.maxMemory() >> 20, load);
    }

}
