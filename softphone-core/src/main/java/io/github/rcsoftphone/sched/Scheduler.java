package io.github.rcsoftphone.sched;

import java.time.Duration;

/**
 * The single logical thread that owns a softphone's signalling state, and its clock. Everything scheduled or
 * executed here runs one task at a time, in order. Tests use a fake with a manual clock.
 */
public interface Scheduler {

    /** Monotonic time in nanoseconds. */
    long nanoTime();

    /** Runs {@code task} on the loop as soon as possible. */
    void execute(Runnable task);

    /** Runs {@code task} on the loop after {@code delay}; the returned handle cancels it. */
    Cancellable schedule(Duration delay, Runnable task);

    /** True when called from the loop itself. */
    boolean inLoop();

    /** A scheduled task that can be cancelled; cancelling twice or after it ran does nothing. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();

        Cancellable NONE = () -> { };
    }
}
