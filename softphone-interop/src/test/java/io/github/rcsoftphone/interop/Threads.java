package io.github.rcsoftphone.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Thread-leak checks: what a test started must be gone when it ends. */
final class Threads {
    private Threads() {
    }

    static Set<Thread> now() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /**
     * Threads started since {@code before} that are still alive, ignoring the JVM's and the test tools' own, and the
     * {@code Cleaner-N} threads of a library's JVM-wide {@link java.lang.ref.Cleaner}, made once on first use (later
     * calls in the same JVM add none, which the tests that run after the first show), and JNA's one {@code JNA Cleaner}
     * thread, started when libopus is loaded once per JVM (native Opus) and kept while the library stays bound.
     */
    static List<String> startedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
                .map(Thread::getName).filter(n -> !n.startsWith("awaitility") && !n.startsWith("ForkJoinPool")
                        && !n.equals("process reaper") && !n.startsWith("Attach") && !n.startsWith("surefire")
                        && !n.startsWith("Cleaner-") && !n.equals("JNA Cleaner"))
                .toList();
    }

    static void assertNoneLeft(Set<Thread> before) {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            System.gc(); // JDK 17's HttpClient (REST provisioning) has no close(): its selector ends once it is unreachable
            assertThat(startedSince(before)).as("threads left behind").isEmpty();
        });
    }
}
