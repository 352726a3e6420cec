package io.github.rcsoftphone.sched;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimerQueueTest {
    private final List<RuntimeException> failures = new ArrayList<>();
    private final TimerQueue timers = new TimerQueue(failures::add);
    private final List<String> ran = new ArrayList<>();

    @Test
    void runsWhatIsDueByDueTimeThenByOrderQueuedAndSaysWhenTheNextIsDue() {
        long now = System.nanoTime();
        assertThat(timers.runDue()).isEqualTo(-1);
        timers.add(TimerQueue.timer(() -> ran.add("b"), now - 1_000, 0));
        timers.add(TimerQueue.timer(() -> ran.add("a"), now - 2_000, 0));
        timers.add(TimerQueue.timer(() -> ran.add("b2"), now - 1_000, 0));
        timers.add(TimerQueue.timer(() -> ran.add("later"), now + TimeUnit.HOURS.toNanos(1), 0));

        long next = timers.runDue();

        assertThat(ran).containsExactly("a", "b", "b2");
        assertThat(next).isPositive().isLessThanOrEqualTo(TimeUnit.HOURS.toNanos(1));
        assertThat(timers.live()).isEqualTo(1);
    }

    @Test
    void aCancelledTimerNeverRunsAndIsNotCountedAsLive() throws Exception {
        TimerQueue.Timer t = TimerQueue.timer(() -> ran.add("x"), System.nanoTime() - 1, 0);
        timers.add(t);
        Thread other = new Thread(t::cancel);   // cancel() from another thread, as a call's teardown does
        other.start();
        other.join();

        assertThat(timers.live()).isZero();
        assertThat(timers.runDue()).isEqualTo(-1);
        assertThat(ran).isEmpty();
    }

    @Test
    void aPeriodicTimerComesBackAfterEachRunUntilCancelled() {
        long period = TimeUnit.HOURS.toNanos(1);
        TimerQueue.Timer[] self = new TimerQueue.Timer[1];
        self[0] = TimerQueue.timer(() -> ran.add("tick"), System.nanoTime() - 1, period);
        timers.add(self[0]);

        assertThat(timers.runDue()).isPositive().isLessThanOrEqualTo(period);
        assertThat(ran).containsExactly("tick");
        assertThat(timers.live()).isEqualTo(1);

        self[0].cancel();
        assertThat(timers.live()).isZero();
    }

    @Test
    void aPeriodicTimerCancelledByItsOwnRunIsNotQueuedAgain() {
        TimerQueue.Timer[] self = new TimerQueue.Timer[1];
        self[0] = TimerQueue.timer(() -> {
            ran.add("once");
            self[0].cancel();
        }, System.nanoTime() - 1, 1);
        timers.add(self[0]);

        assertThat(timers.runDue()).isEqualTo(-1);
        assertThat(ran).containsExactly("once");
    }

    @Test
    void aFailingTaskIsReportedAndTheOthersStillRun() {
        long now = System.nanoTime();
        IllegalStateException boom = new IllegalStateException("boom");
        timers.add(TimerQueue.timer(() -> {
            throw boom;
        }, now - 2, 0));
        timers.add(TimerQueue.timer(() -> ran.add("after"), now - 1, 0));

        timers.runDue();

        assertThat(failures).containsExactly(boom);
        assertThat(ran).containsExactly("after");
    }

    @Test
    void scheduleQueuesAOneShotAfterTheDelay() {
        Scheduler.Cancellable c = timers.schedule(TimeUnit.HOURS.toNanos(1), () -> ran.add("x"));
        assertThat(timers.live()).isEqualTo(1);
        assertThat(timers.runDue()).isGreaterThan(TimeUnit.MINUTES.toNanos(59));
        c.cancel();
        assertThat(timers.runDue()).isEqualTo(-1);
        assertThat(ran).isEmpty();
    }
}
