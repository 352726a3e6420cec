package io.github.rcsoftphone.media.net;

import io.github.rcsoftphone.sched.OwnedThreads;
import io.github.rcsoftphone.sched.Scheduler;
import io.github.rcsoftphone.sched.TimerQueue;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shared media I/O for many calls: ONE thread runs a selector over the non-blocking UDP channels of every call and
 * the timers of every call (ICE checks, consent, keep-alives), so a call owns no thread. Blocking work that cannot be
 * made non-blocking (a DTLS handshake) runs on {@link #blocking()}, a small pool whose threads end when idle.
 *
 * <p>The I/O thread starts on first use and ends after {@code idleTimeout} with no channel and no timer, so an idle
 * owner costs no thread. Receivers and timer tasks run on it and must be quick and never block (SRTP unprotect and
 * handing a packet to a jitter buffer is ~1 us). Registering, deregistering, scheduling and sending are thread-safe.
 * {@link #close()} ends both threads and closes every channel still registered.
 *
 * <p>A channel is read as soon as a datagram arrives, one wake-up of the I/O thread per datagram when they come
 * spread out, which is what call set-up needs (ICE checks, DTLS flights). Once a call's media is up its owner calls
 * {@link Registration#batchReads()}: from then on the channel sits on a second selector that the I/O thread polls
 * every {@code batchInterval} (10 ms by default) and drains with every other batched channel, so a thousand calls
 * with a packet every 20 ms each cost about a hundred wake-ups a second instead of fifty thousand; a datagram
 * waits at most that long more.
 */
public final class MediaIo implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaIo.class);
    private static final int RECEIVE_BUFFER = 4096;
    private static final int READS_PER_WAKEUP = 32;
    private static final int SEND_BUFFER = 1500;
    private static final long JOIN_MILLIS = 2000;
    private static final Duration BATCH_INTERVAL = Duration.ofMillis(10);
    /**
     * Pool size: DTLS handshakes are CPU-heavy (ECDHE + ECDSA); a hundred at once starve the one I/O thread that
     * carries their datagrams (the scheduler shares a core among runnable threads), so more wait in the queue.
     */
    private static final int WORKERS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    /** Gets the datagrams of one channel, on the I/O thread; {@code buf} is reused once the call returns. */
    @FunctionalInterface
    public interface Receiver {
        void onDatagram(byte[] buf, int length, InetSocketAddress from);
    }

    private final String name;
    private final ThreadFactory factory;
    private final long idleNanos;
    private final long batchNanos;
    private final ThreadPoolExecutor blocking;
    /** The pool's threads, so that close() returns when they are gone (a terminated pool's last worker may still run). */
    private final OwnedThreads workerThreads;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Object lock = new Object();
    private final AtomicLong sendDrops = new AtomicLong();
    // guarded by lock
    private Selector selector;
    private Selector batchSelector;
    private volatile Thread thread;
    private volatile boolean closed;
    // I/O thread only (handed over under lock when the thread ends and another starts)
    private final TimerQueue timers;
    private final byte[] buffer = new byte[RECEIVE_BUFFER];
    // received into directly (a heap buffer would make the JDK copy through a thread-local direct one per read)
    private final ByteBuffer view = ByteBuffer.allocateDirect(RECEIVE_BUFFER);
    private boolean reading;
    private int channels;
    private int batchedChannels;
    private Scheduler.Cancellable drainTimer;
    private long drains;

    /** Daemon threads named {@code name} (the I/O thread) and {@code name-worker-#}, idle for 5 s before ending. */
    public MediaIo(String name) {
        this(name, Duration.ofSeconds(5));
    }

    /** As {@link #MediaIo(String)} with the given idle time before the I/O thread and pool threads end. */
    public MediaIo(String name, Duration idleTimeout) {
        this(name, r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        }, idleTimeout);
    }

    /** Threads from {@code factory} (renamed as in {@link #MediaIo(String)}). */
    public MediaIo(String name, ThreadFactory factory, Duration idleTimeout) {
        this(name, factory, idleTimeout, BATCH_INTERVAL);
    }

    /** As {@link #MediaIo(String, ThreadFactory, Duration)}, draining batched channels every {@code batchInterval}. */
    public MediaIo(String name, ThreadFactory factory, Duration idleTimeout, Duration batchInterval) {
        this.name = Objects.requireNonNull(name, "name");
        if (batchInterval.isNegative() || batchInterval.isZero()) {
            throw new IllegalArgumentException("batchInterval must be positive: " + batchInterval);
        }
        this.batchNanos = batchInterval.toNanos();
        this.factory = Objects.requireNonNull(factory, "factory");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
        this.idleNanos = idleTimeout.toNanos();
        this.timers = new TimerQueue(e -> LOG.warn("media I/O '{}': timer task failed", name, e));
        AtomicInteger workers = new AtomicInteger();
        this.workerThreads = new OwnedThreads(r -> {
            Thread t = factory.newThread(r);
            t.setName(name + "-worker-" + workers.incrementAndGet());
            return t;
        });
        this.blocking = new ThreadPoolExecutor(WORKERS, WORKERS, idleNanos, TimeUnit.NANOSECONDS,
                new LinkedBlockingQueue<>(), workerThreads);
        blocking.allowCoreThreadTimeOut(true);
    }

    /**
     * Puts {@code channel} in non-blocking mode and delivers its datagrams to {@code receiver} on the I/O thread
     * until {@link Registration#close()} or {@link #close()}, which also close the channel.
     *
     * @throws IOException when the channel cannot be made non-blocking or this is closed (the channel is closed)
     */
    public Registration register(DatagramChannel channel, Receiver receiver) throws IOException {
        Objects.requireNonNull(receiver, "receiver");
        Registration r = new Registration(channel, receiver);
        try {
            channel.configureBlocking(false);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        if (!submit(new Attach(r))) {
            channel.close();
            throw new IOException("media I/O '" + name + "' is closed");
        }
        return r;
    }

    /** Runs {@code task} once on the I/O thread after {@code delay}; a no-op timer after close. */
    public Scheduler.Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        return add(TimerQueue.timer(task, System.nanoTime() + unit.toNanos(delay), 0));
    }

    /** Runs {@code task} on the I/O thread after {@code initialDelay}, then {@code delay} after each run ends. */
    public Scheduler.Cancellable scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        if (delay <= 0) {
            throw new IllegalArgumentException("delay must be positive: " + delay);
        }
        return add(TimerQueue.timer(task, System.nanoTime() + unit.toNanos(initialDelay), unit.toNanos(delay)));
    }

    /** Runs {@code task} on the I/O thread (inline when already on it); dropped after close. */
    public void execute(Runnable task) {
        if (inIoThread()) {
            task.run();
        } else {
            submit(task);
        }
    }

    /** Whether the caller is the I/O thread. */
    public boolean inIoThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * A small pool (4 threads, or 2 per core) for work that must block (a DTLS handshake); tasks beyond it wait in a
     * queue; its threads end when idle. A task must not wait for another task of this pool.
     */
    public Executor blocking() {
        return blocking;
    }

    /** How many times the batched channels were drained (for tests and diagnostics); read on the I/O thread. */
    long drains() {
        return drains;
    }

    /** Datagrams dropped because a channel's kernel send buffer was full (sending never blocks). */
    public long sendDrops() {
        return sendDrops.get();
    }

    /** Ends the I/O thread and the pool and closes every channel still registered; idempotent. */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            t = thread;
            if (selector != null) {
                selector.wakeup();
            }
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(JOIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeChannels();
        blocking.shutdown();
        try {
            if (!blocking.awaitTermination(JOIN_MILLIS, TimeUnit.MILLISECONDS)) {
                blocking.shutdownNow();
            }
            workerThreads.awaitTermination(Duration.ofMillis(JOIN_MILLIS));
        } catch (InterruptedException e) {
            blocking.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "MediaIo[" + name + (closed ? ", closed" : "") + "]";
    }

    private Scheduler.Cancellable add(TimerQueue.Timer t) {
        if (inIoThread()) {
            timers.add(t);
        } else if (!submit(() -> timers.add(t))) {
            t.cancel();
        }
        return t;
    }

    /** Queues {@code task} for the I/O thread, starting it when needed; false after close. */
    private boolean submit(Runnable task) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            tasks.add(task);
            if (thread != null) {
                selector.wakeup();
                return true;
            }
            try {
                if (selector == null) {
                    selector = Selector.open();
                }
            } catch (IOException e) {
                tasks.remove(task);
                throw new java.io.UncheckedIOException("media I/O '" + name + "' cannot open a selector", e);
            }
            Selector s = selector;
            Thread t = factory.newThread(() -> run(s));
            t.setName(name);
            thread = t;
            t.start();
            return true;
        }
    }

    private void run(Selector s) {
        long idleSince = 0;
        try {
            while (!closed) {
                runTasks();
                long wait = timers.runDue();
                if (channels == 0 && timers.live() == 0) {
                    long now = System.nanoTime();
                    if (idleSince == 0) {
                        idleSince = now;
                    } else if (now - idleSince >= idleNanos && exitIfIdle()) {
                        return;
                    }
                    wait = idleNanos - (now - idleSince);
                } else {
                    idleSince = 0;
                }
                if (wait < 0) {
                    s.select();
                } else {
                    s.select(Math.max(1, (wait + 999_999) / 1_000_000));
                }
                readSelected(s);
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.error("media I/O '{}' stopped: {}", name, e.toString(), e);
            }
            synchronized (lock) {
                thread = null;
            }
        }
    }

    private boolean exitIfIdle() {
        synchronized (lock) {
            if (!tasks.isEmpty() || closed) {
                return closed;
            }
            thread = null;
            return true;
        }
    }

    private void runTasks() {
        Runnable r;
        while ((r = tasks.poll()) != null) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.warn("media I/O '{}': task failed", name, e);
            }
        }
    }

    /** On the I/O thread, every batch interval while a channel is batched: reads all batched channels ready. */
    private void drain() {
        drains++;
        try {
            batchSelector.selectNow();
        } catch (IOException | RuntimeException e) {
            LOG.warn("media I/O '{}': polling batched channels failed: {}", name, e.toString());
            return;
        }
        readSelected(batchSelector);
    }

    private void readSelected(Selector s) {
        reading = true;
        try {
            Iterator<SelectionKey> it = s.selectedKeys().iterator();
            while (it.hasNext()) {
                SelectionKey key = it.next();
                it.remove();
                ((Registration) key.attachment()).readAll();
            }
        } finally {
            reading = false;
        }
    }

    /** Lets the selector drop cancelled keys now, so a deregistered channel's socket is closed before we return. */
    private void flushCancelled(Selector s) {
        if (!reading) {
            try {
                s.selectNow();
            } catch (IOException | RuntimeException e) {
                LOG.debug("media I/O '{}': selectNow: {}", name, e.toString());
            }
        }
    }

    private void closeChannels() {
        Selector s;
        Selector batch;
        synchronized (lock) {
            s = selector;
            selector = null;
            batch = batchSelector;
            batchSelector = null;
        }
        closeSelector(batch);
        Runnable r;
        while ((r = tasks.poll()) != null) {
            if (r instanceof Attach a) {
                a.registration.closeChannel();
            }
        }
        closeSelector(s);
    }

    /** Closes the channels registered with {@code s}, then {@code s}; null: nothing. */
    private void closeSelector(Selector s) {
        if (s == null) {
            return;
        }
        List<SelectionKey> keys;
        try {
            keys = new ArrayList<>(s.keys());
        } catch (RuntimeException e) {
            keys = List.of();
        }
        for (SelectionKey k : keys) {
            ((Registration) k.attachment()).closeChannel();
        }
        try {
            s.close();
        } catch (IOException e) {
            LOG.debug("media I/O '{}': closing the selector: {}", name, e.toString());
        }
    }

    /** The queued registration of a channel (closed rather than registered when this is closed first). */
    private record Attach(Registration registration) implements Runnable {
        @Override
        public void run() {
            registration.attachNow();
        }
    }

    /**
     * One channel on the I/O thread. {@link #send} is thread-safe and never blocks; {@link #close()} stops delivery
     * (no receiver call starts after it returns, unless it is called from the receiver) and closes the channel.
     */
    public final class Registration implements AutoCloseable {
        private final DatagramChannel channel;
        private final Receiver receiver;
        private volatile SelectionKey key;
        private volatile boolean done;
        private boolean batched; // I/O thread only
        private long lastReadyDrain = -2; // I/O thread only: the drain that last found this channel ready
        private final ByteBuffer sendBuffer = ByteBuffer.allocateDirect(SEND_BUFFER); // guarded by itself

        private Registration(DatagramChannel channel, Receiver receiver) {
            this.channel = Objects.requireNonNull(channel, "channel");
            this.receiver = receiver;
        }

        /** The channel (for its local address; do not read from it). */
        public DatagramChannel channel() {
            return channel;
        }

        /**
         * Sends one datagram without blocking.
         *
         * @return false when it was not sent: the kernel buffer was full (counted in {@link MediaIo#sendDrops()}),
         *         or the channel is closed or failed
         */
        public boolean send(ByteBuffer datagram, InetSocketAddress to) {
            if (done) {
                return false;
            }
            try {
                if (sendDirect(datagram, to) > 0 || !datagram.hasRemaining()) {
                    return true;
                }
                sendDrops.incrementAndGet();
                return false;
            } catch (IOException | RuntimeException e) {
                if (!done) {
                    LOG.debug("media I/O '{}': send to {} failed: {}", name, to, e.toString());
                }
                return false;
            }
        }

        /**
         * Sends a heap buffer through this channel's own direct buffer: the JDK would
         * otherwise copy it through a thread-local temporary direct buffer, two thread-local lookups per datagram.
         */
        private int sendDirect(ByteBuffer datagram, InetSocketAddress to) throws IOException {
            if (datagram.isDirect() || datagram.remaining() > SEND_BUFFER) {
                return channel.send(datagram, to);
            }
            synchronized (sendBuffer) {
                sendBuffer.clear();
                int start = datagram.position();
                sendBuffer.put(datagram).flip();
                int sent = channel.send(sendBuffer, to);
                if (sent == 0) {
                    datagram.position(start);   // not sent: the caller's buffer is as it was
                }
                return sent;
            }
        }

        /** {@link #send(ByteBuffer, InetSocketAddress)} of a whole array. */
        public boolean send(byte[] datagram, InetSocketAddress to) {
            return send(ByteBuffer.wrap(datagram), to);
        }

        /**
         * From now on the channel's datagrams are read every batch interval together with the other batched channels
         * instead of at once (see {@link MediaIo}); for a call whose media is up. Thread-safe, idempotent, returns
         * at once (the move happens on the I/O thread).
         */
        public void batchReads() {
            execute(this::moveToBatch);
        }

        private void moveToBatch() {
            if (done || batched || key == null) {
                return;
            }
            try {
                if (batchSelector == null) {
                    Selector b = Selector.open();
                    synchronized (lock) {
                        if (closed) {
                            b.close();
                            return;
                        }
                        batchSelector = b;
                    }
                }
                key.cancel(); // deregistered from the main selector at its next select
                key = channel.register(batchSelector, SelectionKey.OP_READ, this);
            } catch (IOException | RuntimeException e) {
                LOG.warn("media I/O '{}': cannot batch a channel: {}", name, e.toString());
                closeChannel();
                channels--;
                return;
            }
            batched = true;
            if (batchedChannels++ == 0) {
                drainTimer = scheduleWithFixedDelay(MediaIo.this::drain, batchNanos, batchNanos, TimeUnit.NANOSECONDS);
            } // what came before the move is read by the first drain (the selector reports ready channels)
        }

        /** Deregisters and closes the channel; waits (up to 2 s) for the I/O thread unless called on it. Idempotent. */
        @Override
        public void close() {
            if (done) {
                return;
            }
            if (inIoThread()) {
                detach();
                return;
            }
            CompletableFuture<Void> detached = new CompletableFuture<>();
            if (!submit(() -> {
                detach();
                detached.complete(null);
            })) {
                closeChannel();
                return;
            }
            try {
                detached.get(JOIN_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
                LOG.warn("media I/O '{}': deregistration did not run in time; closing the channel anyway", name);
                closeChannel();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeChannel();
            }
        }

        private void attachNow() {
            if (done) {
                return;
            }
            try {
                key = channel.register(selector, SelectionKey.OP_READ, this);
                channels++;
            } catch (IOException | RuntimeException e) {
                LOG.warn("media I/O '{}': cannot register a channel: {}", name, e.toString());
                closeChannel();
            }
        }

        private void detach() {
            if (done) {
                return;
            }
            closeChannel();
            if (key != null) {
                channels--;
                flushCancelled(key.selector());
            }
            if (batched && --batchedChannels == 0) {
                drainTimer.cancel();
                drainTimer = null;
            }
        }

        private void closeChannel() {
            done = true;
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("media I/O '{}': closing a channel: {}", name, e.toString());
            }
        }

        /**
         * Reads what the channel holds. A batched channel that was not ready at the previous drain gets one read: a
         * stream of a packet per 20 ms drained every 10 ms then costs one {@code recvfrom} per packet instead of a
         * second one that finds nothing; a channel ready at two drains in a row (a burst, or shorter packet times)
         * is read until empty.
         */
        private void readAll() {
            int reads = READS_PER_WAKEUP;
            if (batched) {
                reads = lastReadyDrain == drains - 1 ? READS_PER_WAKEUP : 1;
                lastReadyDrain = drains;
            }
            for (int i = 0; i < reads && !done; i++) {
                SocketAddress from;
                view.clear();
                try {
                    from = channel.receive(view);
                } catch (IOException | CancelledKeyException e) {
                    if (!done) {
                        LOG.debug("media I/O '{}': receive failed: {}", name, e.toString());
                    }
                    return;
                }
                if (from == null) {
                    return;
                }
                int length = view.position();
                view.flip().get(buffer, 0, length);
                try {
                    receiver.onDatagram(buffer, length, (InetSocketAddress) from);
                } catch (RuntimeException e) {
                    LOG.warn("media I/O '{}': receiver failed on a datagram", name, e);
                }
            }
        }
    }
}
