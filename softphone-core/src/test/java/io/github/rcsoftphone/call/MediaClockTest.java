package io.github.rcsoftphone.call;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The media clock ticks only while a call is on it, spreads calls over its lanes, and its threads go on close. */
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

    @Test
    void callsSpreadOverLanesAndCloseEndsEveryLaneThread() throws Exception {
        java.util.Set<Thread> tickThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.List<MediaClock.Tickable> calls = new java.util.ArrayList<>();
        CountDownLatch allTicked;
        try (MediaClock clock = new MediaClock(2, 4)) {
            java.util.Set<MediaClock.Tickable> ticked = java.util.concurrent.ConcurrentHashMap.newKeySet();
            allTicked = new CountDownLatch(10);
            for (int i = 0; i < 10; i++) {
                MediaClock.Tickable[] self = new MediaClock.Tickable[1];
                self[0] = now -> {
                    tickThreads.add(Thread.currentThread());
                    if (ticked.add(self[0])) {
                        allTicked.countDown();
                    }
                };
                calls.add(self[0]);
                clock.add(self[0]);
                if (i == 2) {
                    assertThat(clock.load()).as("a few calls stay on one thread").containsExactly(3, 0);
                }
            }
            clock.add(calls.get(0)); // already on
            assertThat(clock.load()).containsExactly(5, 5);
            assertThat(allTicked.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(tickThreads).extracting(Thread::getName)
                    .containsExactlyInAnyOrder("softphone-media", "softphone-media-2");
            calls.forEach(clock::remove);
            assertThat(clock.load()).containsExactly(0, 0);
            assertThat(clock.ticking()).isFalse();
            clock.add(calls.get(1));
            assertThat(clock.ticking()).isTrue();
        }
        assertThat(tickThreads).as("close returns when the lane threads are gone").noneMatch(Thread::isAlive);
    }
}
