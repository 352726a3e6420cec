package io.github.rcsoftphone.testing;

import io.github.rcsoftphone.sched.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} with a manual clock for tests: nothing runs until the test calls {@link #runPending()} or
 * {@link #advance(Duration)}, and everything runs on the test's thread.
 */
public final class FakeScheduler implements Scheduler {
    private final Deque<Runnable> ready = new ArrayDeque<>();
    private final PriorityQueue<Timed> timers = new PriorityQueue<>(
            Comparator.comparingLong(Timed::due).thenComparingLong(Timed::order));
    private long now;
    private long order;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        ready.add(task);
    }

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Timed t = new Timed(now + Math.max(0, delay.toNanos()), order++, task, new boolean[1]);
        timers.add(t);
        return () -> t.cancelled()[0] = true;
    }

    @Override
    public boolean inLoop() {
        return true;
    }

    /** Runs every task that is ready now, including tasks they make ready. */
    public void runPending() {
        Runnable r;
        while ((r = ready.poll()) != null) {
            r.run();
        }
        while (!timers.isEmpty() && timers.peek().due() <= now) {
            Timed t = timers.poll();
            if (!t.cancelled()[0]) {
                t.task().run();
            }
            while ((r = ready.poll()) != null) {
                r.run();
            }
        }
    }

    /** Moves the clock forward, running everything that falls due on the way, in time order. */
    public void advance(Duration d) {
        long end = now + d.toNanos();
        runPending();
        while (!timers.isEmpty() && timers.peek().due() <= end) {
            now = Math.max(now, timers.peek().due());
            runPending();
        }
        now = end;
        runPending();
    }

    /** Elapsed fake time. */
    public Duration elapsed() {
        return Duration.ofNanos(now);
    }

    /** Timers not yet run nor cancelled. */
    public long pendingTimers() {
        return timers.stream().filter(t -> !t.cancelled()[0]).count();
    }

    private record Timed(long due, long order, Runnable task, boolean[] cancelled) {
    }
}
