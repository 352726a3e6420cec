package io.github.rcsoftphone.call;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One 20 ms clock per softphone that drives the playout and the sending of every call (no thread per stream).
 * Ticks run on one thread, "softphone-media", and only while there is a call: an idle softphone costs no CPU and,
 * after a few seconds, no thread (20 idle clocks ticking took 7% of a core, which capped 1,000 registered phones).
 * {@link #close()} stops it.
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
    private final Object lock = new Object();
    private java.util.concurrent.ScheduledFuture<?> ticking; // guarded by lock; null while idle

    public MediaClock() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "softphone-media");
            t.setDaemon(true);
            t.setPriority(Thread.MAX_PRIORITY);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setKeepAliveTime(5, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
    }

    void add(Tickable t) {
        synchronized (lock) {
            sessions.add(t);
            if (ticking == null && !executor.isShutdown()) {
                ticking = executor.scheduleAtFixedRate(this::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
            }
        }
    }

    void remove(Tickable t) {
        synchronized (lock) {
            sessions.remove(t);
            if (sessions.isEmpty() && ticking != null) {
                ticking.cancel(false);
                ticking = null;
            }
        }
    }

    /** Whether the clock is ticking (some call is on it). */
    boolean ticking() {
        synchronized (lock) {
            return ticking != null;
        }
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
