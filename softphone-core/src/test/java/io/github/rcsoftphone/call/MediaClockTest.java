package io.github.rcsoftphone.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The media clock ticks only while a call is on it, and its thread goes when it is closed. */
class MediaClockTest {

    @Test
    void ticksOnlyWhileSomethingIsOnIt() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Thread> tickThread = new java.util.concurrent.atomic.AtomicReference<>();
        try (MediaClock clock = new MediaClock()) {
            assertThat(clock.ticking()).isFalse();
            AtomicInteger ticks = new AtomicInteger();
            CountDownLatch five = new CountDownLatch(5);
            MediaClock.Tickable call = now -> {
                tickThread.set(Thread.currentThread());
                ticks.incrementAndGet();
                five.countDown();
            };
            clock.add(call);
            assertThat(clock.ticking()).isTrue();
            assertThat(five.await(5, TimeUnit.SECONDS)).isTrue();
            clock.remove(call);
            assertThat(clock.ticking()).isFalse();
            int after = ticks.get();
            // no tick runs once the last call left (one may have been under way while it left)
            Awaitility.await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
                    .until(() -> ticks.get() <= after + 1);
            clock.add(call);
            assertThat(clock.ticking()).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> ticks.get() > after + 2);
        }
        assertThat(tickThread.get().getName()).isEqualTo("softphone-media");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !tickThread.get().isAlive());
    }
}
