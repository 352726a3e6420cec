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
     * Heap after GC may grow at most this much per 1,000 calls: 4 KB a call. An ended call that stays reachable holds
     * its media state (codec, buffers, SRTP contexts: 40 KB and more), so even one leaked call in ten shows. Measured:
     * about 3 KB a call over the first few hundred calls, of which about 0.4 KB is the edge's own log of agent
     * messages (it keeps the last 10,000); see RELIABILITY.md.
     */
    static final double HEAP_KB_PER_1000_CALLS = 4096;
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
