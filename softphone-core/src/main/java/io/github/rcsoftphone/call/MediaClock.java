package io.github.rcsoftphone.call;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The 20 ms clock of a runtime that drives the playout and the sending of every call (no thread per stream). Calls
 * are spread over up to one tick thread ("lane") per core, so encoding many Opus calls uses every core: a new call
 * goes to the least loaded of the lanes in use, and another lane comes into use for every {@value #SPREAD_AT}
 * calls (a few cheap calls stay on one thread: fewer wake-ups). The first lane's thread is "softphone-media", the
 * others "softphone-media-2" and on. A lane ticks only while it has a call: an idle softphone costs no CPU and,
 * after a few seconds, no thread (20 idle clocks ticking took 7% of a core, which capped 1,000 registered phones).
 * {@link #close()} stops every lane.
 */
public final class MediaClock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaClock.class);
    static final long TICK_NANOS = 20_000_000L;
    static final int SPREAD_AT = 8;

    /** Something the clock drives. */
    interface Tickable {
        void tick(long nowNanos);
    }

    private final List<Lane> lanes = new ArrayList<>();
    private final int spreadAt;
    private final Map<Tickable, Lane> placed = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private int sessions; // guarded by lock

    /** One lane per available core. */
    public MediaClock() {
        this(Runtime.getRuntime().availableProcessors(), SPREAD_AT);
    }

    /** Up to {@code maxLanes} tick threads, another one in use for every {@code spreadAt} calls. */
    MediaClock(int maxLanes, int spreadAt) {
        if (maxLanes < 1 || spreadAt < 1) {
            throw new IllegalArgumentException("maxLanes and spreadAt must be positive: " + maxLanes + ", " + spreadAt);
        }
        this.spreadAt = spreadAt;
        for (int i = 0; i < maxLanes; i++) {
            lanes.add(new Lane(i == 0 ? "softphone-media" : "softphone-media-" + (i + 1)));
        }
    }

    void add(Tickable t) {
        synchronized (lock) {
            if (placed.containsKey(t)) {
                return;
            }
            int inUse = Math.min(lanes.size(), 1 + sessions / spreadAt);
            Lane best = lanes.get(0);
            for (int i = 1; i < inUse; i++) {
                if (lanes.get(i).sessions.size() < best.sessions.size()) {
                    best = lanes.get(i);
                }
            }
            placed.put(t, best);
            sessions++;
            best.add(t);
        }
    }

    void remove(Tickable t) {
        synchronized (lock) {
            Lane lane = placed.remove(t);
            if (lane != null) {
                sessions--;
                lane.remove(t);
            }
        }
    }

    /** Whether the clock is ticking (some call is on it). */
    boolean ticking() {
        synchronized (lock) {
            return lanes.stream().anyMatch(l -> l.ticking != null);
        }
    }

    /** How many calls each lane drives, in lane order (for tests and diagnostics). */
    List<Integer> load() {
        synchronized (lock) {
            return lanes.stream().map(l -> l.sessions.size()).toList();
        }
    }

    /** Stops every lane; returns when their threads are gone (at most about 2 s). */
    @Override
    public void close() {
        lanes.forEach(l -> l.executor.shutdownNow());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        try {
            for (Lane l : lanes) {
                l.executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                Thread t = l.thread;
                if (t != null && t != Thread.currentThread()) {
                    t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One tick thread and the calls on it; mutated under the clock's lock, ticked on its own thread. */
    private static final class Lane {
        final List<Tickable> sessions = new CopyOnWriteArrayList<>();
        final ScheduledThreadPoolExecutor executor;
        ScheduledFuture<?> ticking; // null while idle
        volatile Thread thread; // the latest tick thread (one at a time: it ends after 5 s idle)

        Lane(String threadName) {
            executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, threadName);
                t.setDaemon(true);
                t.setPriority(Thread.MAX_PRIORITY);
                thread = t;
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
            executor.setKeepAliveTime(5, TimeUnit.SECONDS);
            executor.allowCoreThreadTimeOut(true);
        }

        void add(Tickable t) {
            sessions.add(t);
            if (ticking == null && !executor.isShutdown()) {
                ticking = executor.scheduleAtFixedRate(this::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
            }
        }

        void remove(Tickable t) {
            sessions.remove(t);
            if (sessions.isEmpty() && ticking != null) {
                ticking.cancel(false);
                ticking = null;
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
    }
}
