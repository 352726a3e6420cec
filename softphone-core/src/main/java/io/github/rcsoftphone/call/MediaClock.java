package io.github.rcsoftphone.call;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One 20 ms clock per softphone that drives the playout and the sending of every call (no thread per stream).
 * Ticks run on one thread, "softphone-media"; {@link #close()} stops it.
 */
public final class MediaClock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaClock.class);
    static final long TICK_NANOS = 20_000_000L;

    /** Something the clock drives. */
    interface Tickable {
        void tick(long nowNanos);
    }

    private final List<Tickable> sessions = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor executor;

    public MediaClock() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "softphone-media");
            t.setDaemon(true);
            t.setPriority(Thread.MAX_PRIORITY);
            return t;
        });
        executor.scheduleAtFixedRate(this::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
    }

    void add(Tickable t) {
        sessions.add(t);
    }

    void remove(Tickable t) {
        sessions.remove(t);
    }

    private void tick() {
        long now = System.nanoTime();
        for (Tickable t : sessions) {
            try {
                t.tick(now);
            } catch (RuntimeException e) {
                LOG.warn("media tick failed: {}", e.toString(), e);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
