package io.github.rcsoftphone.sched;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;

/**
 * A thread factory that remembers the threads it made, so their owner can wait for them on close (a terminated
 * pool's last worker may still be running when {@code awaitTermination} of the pool returns).
 */
public final class OwnedThreads implements ThreadFactory {
    private final ThreadFactory delegate;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    /** Makes threads with {@code delegate}. */
    public OwnedThreads(ThreadFactory delegate) {
        this.delegate = delegate;
    }

    @Override
    public Thread newThread(Runnable runnable) {
        Thread t = delegate.newThread(runnable);
        threads.removeIf(old -> old.getState() == Thread.State.TERMINATED);
        threads.add(t);
        return t;
    }

    /** True when the calling thread is one of ours (waiting for ourselves would dead-lock). */
    public boolean isOwnThread() {
        return threads.contains(Thread.currentThread());
    }

    /**
     * Waits up to {@code timeout} for all our threads other than the calling one to end; returns whether they did.
     */
    public boolean awaitTermination(Duration timeout) {
        Thread self = Thread.currentThread();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread t : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            if (t == self) {
                continue;
            }
            try {
                t.join(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return threads.stream().noneMatch(t -> t != self && t.isAlive());
    }
}
