package io.github.rcsoftphone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What a softphone test opened, closed last-first after it; then no {@code softphone-} thread may be left. */
final class ClosedInOrder {
    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();

    /** Adds {@code resource}, returns it. */
    <T extends AutoCloseable> T add(T resource) {
        resources.add(resource);
        return resource;
    }

    /** Closes everything in reverse order, then waits up to {@code wait} for the softphone threads to end. */
    void closeAll(Duration wait) throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        await().atMost(wait).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName).filter(n -> n.startsWith("softphone-")))
                .as("softphone threads left after close").isEmpty());
    }
}
