package io.github.rcsoftphone.sched;

import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * The timers of one event-loop thread (the media I/O selector, the WebSocket selector), due by
 * {@link System#nanoTime()}: ordered by due time, then by the order they were queued. A timer may be made on any
 * thread ({@link #timer}) and handed to the loop; it is queued and run on the loop thread only. {@code cancel()} is
 * thread-safe, and a cancelled timer is dropped without running.
 */
public final class TimerQueue {
    private final PriorityQueue<Timer> queue = new PriorityQueue<>();
    private final Consumer<RuntimeException> onFailure;
    private long seq;

    /** {@code onFailure} is told of a timer task that threw (the other timers still run). */
    public TimerQueue(Consumer<RuntimeException> onFailure) {
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    /**
     * A timer that runs {@code task} at {@code due} ({@link System#nanoTime()}), then, when {@code period} is positive,
     * {@code period} nanoseconds after each run ends until cancelled; not queued until {@link #add}.
     */
    public static Timer timer(Runnable task, long due, long period) {
        return new Timer(task, due, period);
    }

    /** Queues {@code timer}; on the loop thread. */
    public void add(Timer timer) {
        timer.seq = seq++;
        queue.add(timer);
    }

    /** Queues a one-shot timer for {@code task} after {@code delayNanos}; on the loop thread. */
    public Timer schedule(long delayNanos, Runnable task) {
        Timer t = timer(task, System.nanoTime() + delayNanos, 0);
        add(t);
        return t;
    }

    /**
     * Runs the timers that are due, in order; on the loop thread.
     *
     * @return nanoseconds until the next timer is due, or -1 when none is queued
     */
    public long runDue() {
        while (true) {
            Timer t = queue.peek();
            if (t == null) {
                return -1;
            }
            if (t.cancelled) {
                queue.poll();
                continue;
            }
            long now = System.nanoTime();
            if (t.due - now > 0) {
                return t.due - now;
            }
            queue.poll();
            try {
                t.task.run();
            } catch (RuntimeException e) {
                onFailure.accept(e);
            }
            if (t.period > 0 && !t.cancelled) {
                t.due = System.nanoTime() + t.period;
                add(t);
            }
        }
    }

    /** How many queued timers are not cancelled (the cancelled ones are dropped); on the loop thread. */
    public int live() {
        queue.removeIf(t -> t.cancelled);
        return queue.size();
    }

    /** A queued task; {@link #cancel()} is thread-safe and idempotent, and a cancelled timer does not run again. */
    public static final class Timer implements Scheduler.Cancellable, Comparable<Timer> {
        private final Runnable task;
        private final long period;
        private long due;   // loop thread, once queued
        private long seq;   // loop thread, once queued
        private volatile boolean cancelled;

        private Timer(Runnable task, long due, long period) {
            this.task = Objects.requireNonNull(task, "task");
            this.due = due;
            this.period = period;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(due - o.due, 0);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
