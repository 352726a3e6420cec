package io.github.rcsoftphone.sip.transport;

import io.github.rcsoftphone.sched.OwnedThreads;
import io.github.rcsoftphone.sched.Scheduler;
import io.github.rcsoftphone.sched.TimerQueue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread running a selector over non-blocking socket channels (the WebSocket connections of a
 * {@link WebSocketClients}, or of one connection), with timers and a task queue. Channel handlers, timers and tasks
 * run on that thread, must be quick and never block. Only {@link #execute}, {@link #inLoop()}, {@link #close()} and
 * {@link #awaitTermination} may be called from other threads. The thread starts with the first task; host names are
 * looked up, and TLS handshakes' CPU-heavy delegated tasks run, on a small pool ({@link #workers()}, one thread per
 * core) whose threads end when idle. {@link #close()} tells every registered handler, ends both
 * and waits for them (unless called on the loop thread).
 */
final class SelectorLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipTransport.class.getPackageName());
    private static final int MASKS = 256;
    /** Pool size for look-ups and TLS handshake work: one per core (at least 2: a slow look-up must not stall TLS). */
    private static final int WORKERS = Math.max(2, Runtime.getRuntime().availableProcessors());

    /** A connection on the loop: what it does when its channel is ready, and when the loop closes under it. */
    interface Handler {
        /** The channel's key is ready for some of its interest ops. */
        void ready(SelectionKey key);

        /** The loop is closing: release everything (called on the loop thread, to those {@link #join}ed). */
        void loopClosed();
    }

    private final OwnedThreads threads;
    private final ThreadPoolExecutor workers;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Object lock = new Object();
    // guarded by lock
    private Selector selector;
    private Thread thread;
    private boolean closed;
    // loop thread only
    private final TimerQueue timers = new TimerQueue(e -> LOG.warn("WebSocket selector timer failed", e));
    private final Set<Handler> members = new LinkedHashSet<>();
    private SecureRandom random;
    private final int[] masks = new int[MASKS];
    private int nextMask = MASKS;

    /** Threads (the loop's and the workers's) from {@code factory}. */
    SelectorLoop(ThreadFactory factory) {
        this.threads = new OwnedThreads(factory);
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                threads);
        workers.allowCoreThreadTimeOut(true);
    }

    /** Queues {@code task} for the loop thread (starting it if needed); false when the loop is closed. */
    boolean execute(Runnable task) {
        Selector s;
        synchronized (lock) {
            if (closed) {
                return false;
            }
            if (selector == null) {
                try {
                    selector = Selector.open();
                } catch (IOException e) {
                    LOG.warn("cannot open a selector: {}", e.toString());
                    return false;
                }
                thread = threads.newThread(this::run);
                thread.start();
            }
            tasks.add(task);
            s = selector;
        }
        if (Thread.currentThread() != thread && wakeupPending.compareAndSet(false, true)) {
            s.wakeup();
        }
        return true;
    }

    /** Whether the caller is the loop thread. */
    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** {@code handler} is told {@link Handler#loopClosed()} if the loop closes before it {@link #leave}s; on the loop thread. */
    void join(Handler handler) {
        members.add(handler);
    }

    /** The handler is done; on the loop thread. */
    void leave(Handler handler) {
        members.remove(handler);
    }

    /** Registers {@code channel} (non-blocking) for {@code ops}; on the loop thread. */
    SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws IOException {
        synchronized (lock) {
            if (closed) {
                throw new IOException("the WebSocket connections' selector is closed");
            }
        }
        channel.configureBlocking(false);
        return channel.register(selector, ops, handler);
    }

    /** Runs {@code task} on the loop after {@code delay}; on the loop thread. */
    Scheduler.Cancellable schedule(Duration delay, Runnable task) {
        return timers.schedule(delay.toNanos(), task);
    }

    /** An unpredictable 32-bit WebSocket mask (RFC 6455 5.3), from one SecureRandom; on the loop thread. */
    int mask() {
        if (nextMask == MASKS) {
            byte[] bytes = randomBytes(4 * MASKS);
            for (int i = 0; i < MASKS; i++) {
                masks[i] = ((bytes[4 * i] & 0xff) << 24) | ((bytes[4 * i + 1] & 0xff) << 16)
                        | ((bytes[4 * i + 2] & 0xff) << 8) | (bytes[4 * i + 3] & 0xff);
            }
            nextMask = 0;
        }
        return masks[nextMask++];
    }

    /** {@code n} random bytes from the loop's SecureRandom; on the loop thread. */
    byte[] randomBytes(int n) {
        if (random == null) {
            random = new SecureRandom();
        }
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The pool for work that must not run on the loop thread (look-ups, TLS delegated tasks). */
    Executor workers() {
        return workers;
    }

    /**
     * Resolves {@code host} (an IP literal at once, a name on the workers pool) and hands the address or the
     * failure to {@code then} on the loop thread; called on the loop thread.
     */
    void resolve(String host, int port, BiConsumer<InetSocketAddress, Throwable> then) {
        if (StreamSockets.isIpLiteral(host)) {
            then.accept(new InetSocketAddress(host, port), null);
            return;
        }
        try {
            workers.execute(() -> lookUp(host, port, then));
        } catch (RejectedExecutionException e) {
            then.accept(null, new UnknownHostException(host + " (the selector is closing)"));
        }
    }

    private void lookUp(String host, int port, BiConsumer<InetSocketAddress, Throwable> then) {
        InetSocketAddress address = null;
        Throwable error = null;
        try {
            address = new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException | RuntimeException e) {
            error = e;
        }
        InetSocketAddress found = address;
        Throwable failed = error;
        if (!execute(() -> then.accept(found, failed))) {
            LOG.debug("look-up of {} finished after the selector closed", host);
        }
    }

    private void run() {
        try {
            while (true) {
                synchronized (lock) {
                    if (closed) {
                        break;
                    }
                }
                long wait = runTimers();
                if (wait < 0) {
                    selector.selectNow();
                } else {
                    selector.select(wait);
                }
                wakeupPending.set(false);
                dispatch();
                runTasks();
            }
        } catch (IOException | RuntimeException | Error e) {
            LOG.error("WebSocket selector failed; its connections are closed", e);
        }
        shutdown();
    }

    /** Runs due timers; returns millis until the next one (0: none, select until woken; -1: do not wait). */
    private long runTimers() {
        long next = timers.runDue();
        if (!tasks.isEmpty()) {
            return -1;
        }
        return next < 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(next + 999_999));
    }

    private void dispatch() {
        Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext()) {
            SelectionKey key = keys.next();
            keys.remove();
            try {
                if (key.isValid()) {
                    ((Handler) key.attachment()).ready(key);
                }
            } catch (CancelledKeyException e) {
                // the handler closed its channel meanwhile
            } catch (RuntimeException e) {
                LOG.warn("WebSocket channel handler failed", e);
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            runSafely(task);
        }
    }

    private static void runSafely(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("WebSocket selector task failed", e);
        }
    }

    /** On the loop thread at the end: every handler releases its channel, queued tasks run, the selector closes. */
    private void shutdown() {
        synchronized (lock) {
            closed = true;
        }
        List<Handler> handlers = new ArrayList<>(members);
        members.clear();
        handlers.forEach(h -> runSafely(h::loopClosed));
        runTasks();
        StreamSockets.closeQuietly(selector);
        workers.shutdown();
    }

    /** Stops the loop: handlers are told, channels released, threads end (waited for unless on the loop thread). */
    @Override
    public void close() {
        Selector s;
        synchronized (lock) {
            if (closed) {
                s = null;
            } else {
                closed = true;
                s = selector;
            }
        }
        if (s != null) {
            s.wakeup();
        } else if (thread == null) {
            workers.shutdown();
        }
        if (!inLoop()) {
            awaitTermination(Duration.ofSeconds(2));
        }
    }

    /** Waits up to {@code timeout} for the loop's threads to end (after {@link #close()}); whether they did. */
    boolean awaitTermination(Duration timeout) {
        workers.shutdown();
        return threads.awaitTermination(timeout);
    }
}
