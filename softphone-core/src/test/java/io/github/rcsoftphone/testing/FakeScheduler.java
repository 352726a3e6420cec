package io.github.rcsoftphone.testing;

import io.github.rcsoftphone.sched.Scheduler;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A {@link Scheduler} with a manual clock for tests: nothing runs until the test calls {@link #runPending()},
 * {@link #advance(Duration)} or {@link #runUntil(BooleanSupplier, Duration)}, and everything runs on the test's
 * thread. Other threads (real sockets' I/O threads) may hand it tasks: {@link #execute} and {@link #schedule} are
 * thread-safe, and {@link #runUntil} waits in real time for such tasks without moving the clock.
 */
public final class FakeScheduler implements Scheduler {
    private final LinkedBlockingDeque<Runnable> ready = new LinkedBlockingDeque<>();
    private final PriorityQueue<Timed> timers = new PriorityQueue<>(
            Comparator.comparingLong(Timed::due).thenComparingLong(Timed::order));
    private volatile long now;
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
    public synchronized Cancellable schedule(Duration delay, Runnable task) {
        Timed t = new Timed(now + Math.max(0, delay.toNanos()), order++, task, new boolean[1]);
        timers.add(t);
        return () -> {
            synchronized (FakeScheduler.this) {
                t.cancelled()[0] = true;
            }
        };
    }

    @Override
    public boolean inLoop() {
        return true;
    }

    /** Runs every task that is ready now, including tasks they make ready. */
    public void runPending() {
        runReady();
        Timed t;
        while ((t = pollDue(now)) != null) {
            t.task().run();
            runReady();
        }
    }

    /** Moves the clock forward, running everything that falls due on the way, in time order. */
    public void advance(Duration d) {
        long end = now + d.toNanos();
        runPending();
        Long due;
        while ((due = nextDue()) != null && due <= end) {
            now = Math.max(now, due);
            runPending();
        }
        now = end;
        runPending();
    }

    /**
     * Runs ready tasks and tasks other threads hand in, waiting up to {@code realTimeout} of real time (the fake
     * clock stands still) until {@code done} holds. Returns whether it does.
     */
    public boolean runUntil(BooleanSupplier done, Duration realTimeout) {
        long deadline = System.nanoTime() + realTimeout.toNanos();
        runPending();
        while (!done.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            Runnable r;
            try {
                r = ready.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (r != null) {
                r.run();
            }
            runPending();
        }
        return true;
    }

    /** How far ahead the earliest live timer is (zero when one is due), or empty when there is none. */
    public synchronized Optional<Duration> nextTimer() {
        Long due = nextDue();
        return due == null ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(0, due - now)));
    }

    /** Elapsed fake time. */
    public Duration elapsed() {
        return Duration.ofNanos(now);
    }

    /** Timers not yet run nor cancelled. */
    public synchronized long pendingTimers() {
        return timers.stream().filter(t -> !t.cancelled()[0]).count();
    }

    private void runReady() {
        Runnable r;
        while ((r = ready.poll()) != null) {
            r.run();
        }
    }

    private synchronized Timed pollDue(long time) {
        while (!timers.isEmpty() && timers.peek().due() <= time) {
            Timed t = timers.poll();
            if (!t.cancelled()[0]) {
                return t;
            }
        }
        return null;
    }

    private synchronized Long nextDue() {
        while (!timers.isEmpty() && timers.peek().cancelled()[0]) {
            timers.poll();
        }
        return timers.isEmpty() ? null : timers.peek().due();
    }

    private record Timed(long due, long order, Runnable task, boolean[] cancelled) {
    }
}
