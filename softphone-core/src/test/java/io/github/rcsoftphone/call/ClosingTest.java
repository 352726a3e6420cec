package io.github.rcsoftphone.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ClosingTest {

    @Test
    void closesOnThePoolWhileItRunsAndHereOnceItIsShutDown() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "closing-pool"));
        AtomicReference<String> where = new AtomicReference<>();
        Closing.onPool(pool, () -> where.set(Thread.currentThread().getName()));
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(where.get()).isEqualTo("closing-pool");

        // a shut-down pool refuses the task: it is closed on the calling thread instead of not at all
        Closing.onPool(pool, () -> where.set(Thread.currentThread().getName()));
        assertThat(where.get()).isEqualTo(Thread.currentThread().getName());
    }
}
