package io.github.rcsoftphone.cli.output;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a task at a fixed period on one daemon thread until {@link #close()}, which waits for that thread to end. */
final class Ticker implements AutoCloseable {

    private final ScheduledExecutorService executor;
    private final List<Thread> threads;

    private Ticker(ScheduledExecutorService executor, List<Thread> threads) {
        this.executor = executor;
        this.threads = threads;
    }

    /** Runs {@code task} every {@code period} (first after one period) on a thread named {@code threadName}. */
    static Ticker start(String threadName, Duration period, Runnable task) {
        List<Thread> threads = new CopyOnWriteArrayList<>();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            threads.add(t);
            return t;
        });
        executor.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // one failed redraw must not stop the next ones
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return new Ticker(executor, threads);
    }

    /** Stops the task and waits (briefly) for the thread to end. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
            for (Thread t : threads) {
                t.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
