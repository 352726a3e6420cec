package io.github.rcsoftphone;

import io.github.rcsoftphone.call.MediaClock;
import io.github.rcsoftphone.media.net.MediaIo;
import io.github.rcsoftphone.media.secure.DtlsIdentity;
import io.github.rcsoftphone.sched.EventLoop;
import io.github.rcsoftphone.sip.transport.WebSocketClients;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads and long-lived resources softphones run on, shareable by many softphones of one program (a call
 * recorder with hundreds of extensions, a load tester): one signalling thread ({@code softphone-sip}), one callback
 * thread ({@code softphone-events}), one 20 ms media clock ({@code softphone-media}, only while a call is up), one
 * thread for every call's UDP sockets and ICE timers ({@code softphone-media-io}, with a small DTLS handshake pool;
 * only while a call is up), a pool for blocking media set-up and one for connection I/O, the WebSocket clients, and one DTLS certificate (made at the
 * first WebRTC call). A softphone built without one gets a runtime of its own, closed with it; with a shared one the
 * thread count no longer grows with the number of softphones (6 threads per registered softphone before).
 *
 * <pre>{@code
 * try (SoftphoneRuntime runtime = SoftphoneRuntime.create()) {
 *     List<Softphone> phones = infos.stream()
 *             .map(info -> Softphone.builder().runtime(runtime).sipInfo(info).build()).toList();
 *     phones.forEach(p -> p.register().join());
 *     ...
 *     phones.forEach(Softphone::close);   // first the softphones, then the runtime
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops every thread; softphones still using it stop working, so close them first. Callbacks of
 * all softphones on a runtime share its callback thread: a handler that blocks delays the others (give a softphone
 * its own {@link Softphone.Builder#callbackExecutor} if it must block).
 */
public final class SoftphoneRuntime implements AutoCloseable {
    private final EventLoop loop;
    private final ExecutorService callbacks;
    private final MediaClock mediaClock;
    private final MediaIo mediaIo;
    private final ExecutorService mediaSetup;
    private final WebSocketClients webSockets;
    private final ThreadFactory ioThreads;
    private final DtlsIdentity dtlsIdentity;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Every thread the runtime's own pools made, so that close() can wait until they are gone. */
    private final List<Thread> made = new CopyOnWriteArrayList<>();

    private SoftphoneRuntime() {
        this.loop = new EventLoop("softphone-sip");
        this.callbacks = Executors.newSingleThreadExecutor(named("softphone-events", false));
        this.mediaClock = new MediaClock();
        this.mediaIo = new MediaIo("softphone-media-io");
        // threads end after 5 s idle (not 60 s): set-up bursts leave no threads behind for long
        this.mediaSetup = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
                named("softphone-media-setup-", true));
        this.ioThreads = named("softphone-io-", true);
        this.webSockets = new WebSocketClients(ioThreads);
        this.dtlsIdentity = DtlsIdentity.onFirstUse();
    }

    /** A new runtime; its threads start when first needed. */
    public static SoftphoneRuntime create() {
        return new SoftphoneRuntime();
    }

    EventLoop loop() {
        return loop;
    }

    ExecutorService callbacks() {
        return callbacks;
    }

    MediaClock mediaClock() {
        return mediaClock;
    }

    MediaIo mediaIo() {
        return mediaIo;
    }

    ExecutorService mediaSetup() {
        return mediaSetup;
    }

    WebSocketClients webSockets() {
        return webSockets;
    }

    ThreadFactory ioThreads() {
        return ioThreads;
    }

    DtlsIdentity dtlsIdentity() {
        return dtlsIdentity;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Stops every thread of the runtime (waiting a few seconds for running tasks). Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loop.close();
        mediaClock.close();
        stop(mediaSetup, 5);
        mediaIo.close();
        webSockets.close();
        stop(callbacks, 2);
        // a terminated pool's workers may still be finishing: close() returns when they are gone
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (Thread t : made) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || t == Thread.currentThread()) {
                continue;
            }
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void stop(ExecutorService executor, int seconds) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(seconds, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Daemon threads named {@code name} or, numbered, {@code name<n>}; remembered for {@link #close()}. */
    private ThreadFactory named(String name, boolean numbered) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, numbered ? name + count.incrementAndGet() : name);
            t.setDaemon(true);
            made.removeIf(old -> old.getState() == Thread.State.TERMINATED);
            made.add(t);
            return t;
        };
    }
}
