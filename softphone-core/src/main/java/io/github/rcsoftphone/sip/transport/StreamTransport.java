package io.github.rcsoftphone.sip.transport;

import io.github.rcsoftphone.sched.OwnedThreads;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP over TCP or TLS. One reader thread connects, then reads and frames by Content-Length; one writer thread
 * serializes writes. Both come from the config's thread factory and end on close. The listener is only ever
 * called from the reader thread, so {@code onClosed} comes after the last {@code onMessage}.
 */
final class StreamTransport implements SipTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SipTransport.class.getPackageName());
    private static final byte[] KEEP_ALIVE = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final TransportConfig config;
    private final TransportListener listener;
    private final Socket socket;
    private final OutputStream out;
    private final OwnedThreads threads;
    private final ExecutorService writer;
    private final String remote;
    private ScheduledFuture<?> keepAlive;
    private boolean closed;
    private Throwable closeCause;

    private StreamTransport(TransportConfig config, TransportListener listener, Socket socket, OwnedThreads threads)
            throws IOException {
        this.config = config;
        this.listener = listener;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.threads = threads;
        this.writer = Executors.newSingleThreadExecutor(threads);
        this.remote = config.describe();
    }

    static CompletableFuture<SipTransport> connect(TransportConfig config, TransportListener listener) {
        CompletableFuture<SipTransport> result = new CompletableFuture<>();
        OwnedThreads threads = new OwnedThreads(config.threadFactory());
        threads.newThread(() -> connectAndRead(config, listener, threads, result)).start();
        return result;
    }

    private static void connectAndRead(TransportConfig config, TransportListener listener, OwnedThreads threads,
                                       CompletableFuture<SipTransport> result) {
        StreamTransport transport;
        try {
            Socket socket = StreamSockets.open(config);
            try {
                transport = new StreamTransport(config, listener, socket, threads);
            } catch (IOException | RuntimeException e) {
                StreamSockets.closeQuietly(socket);
                throw e;
            }
        } catch (Exception e) {
            TransportException failure = e instanceof TransportException te ? te
                    : Failures.connectFailure(e, config.describe(), null);
            LOG.debug("connect to {} failed: {}", config.describe(), failure.getMessage());
            result.completeExceptionally(failure);
            return;
        }
        LOG.debug("connected to {} from {}", transport.remote, transport.localAddress());
        transport.startKeepAlive();
        if (!result.complete(transport)) {
            transport.shutdown(null);
        }
        transport.readLoop();
    }

    private void readLoop() {
        StreamFramer framer = new StreamFramer(config.maxMessageBytes());
        byte[] chunk = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            long deadline = 0;
            while (!isClosed()) {
                int n = read(in, chunk, framer);
                if (n < 0) {
                    throw new TransportException(TransportException.Kind.CLOSED, "connection closed by " + remote);
                }
                for (byte[] message : framer.feed(chunk, 0, n)) {
                    if (isClosed()) {
                        break;
                    }
                    deliver(message);
                }
                deadline = readDeadline(framer, deadline);
            }
        } catch (TransportException e) {
            if (e.kind() != TransportException.Kind.CLOSED && !isClosed()) {
                LOG.warn("closing the connection to {}: {}", remote, e.getMessage());
            }
            shutdown(e);
        } catch (IOException e) {
            shutdown(new TransportException(TransportException.Kind.CLOSED, "connection to " + remote + " lost: "
                    + e.getMessage(), e));
        }
        Throwable cause;
        synchronized (this) {
            cause = closeCause;
        }
        LOG.debug("connection to {} closed{}", remote, cause == null ? "" : ": " + cause.getMessage());
        try {
            listener.onClosed(cause);
        } catch (RuntimeException e) {
            LOG.warn("transport listener failed in onClosed", e);
        }
    }

    /** Reads; a read timeout (set only while a message is unfinished) means the message took too long. */
    private int read(InputStream in, byte[] chunk, StreamFramer framer) throws IOException {
        try {
            return in.read(chunk);
        } catch (SocketTimeoutException e) {
            throw new TransportException(TransportException.Kind.PROTOCOL, "incomplete SIP message from " + remote
                    + ": " + framer.describePending() + " arrived within the limit of "
                    + config.messageReadTimeout().toMillis() + " ms");
        }
    }

    /**
     * While a message is unfinished the socket's read timeout is the time left until {@code deadline} (set when its
     * first bytes came), so a slow trickle cannot stretch it; without one reads wait for ever. Returns the deadline in
     * nanos, 0 when none.
     */
    private long readDeadline(StreamFramer framer, long deadline) throws IOException {
        if (framer.buffered() == 0) {
            if (deadline != 0) {
                socket.setSoTimeout(0);
            }
            return 0;
        }
        long now = System.nanoTime();
        long end = deadline != 0 ? deadline : now + config.messageReadTimeout().toNanos();
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (end - now) / 1_000_000)));
        return end;
    }

    private void deliver(byte[] message) {
        try {
            listener.onMessage(message);
        } catch (RuntimeException e) {
            LOG.warn("transport listener failed on a message from {}", remote, e);
        }
    }

    private void startKeepAlive() {
        Duration every = config.keepAliveInterval();
        if (every.isZero()) {
            return;
        }
        ScheduledFuture<?> task = config.scheduler().scheduleAtFixedRate(() -> send(KEEP_ALIVE),
                every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
        synchronized (this) {
            keepAlive = task;
            if (closed) {
                task.cancel(false);
            }
        }
    }

    @Override
    public CompletableFuture<Void> send(byte[] message) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            writer.execute(() -> write(message, done));
        } catch (RejectedExecutionException e) {
            done.completeExceptionally(closedError());
        }
        return done;
    }

    private void write(byte[] message, CompletableFuture<Void> done) {
        if (isClosed()) {
            done.completeExceptionally(closedError());
            return;
        }
        try {
            out.write(message);
            out.flush();
            done.complete(null);
        } catch (IOException e) {
            TransportException failure = new TransportException(TransportException.Kind.CLOSED,
                    "write to " + remote + " failed: " + e.getMessage(), e);
            done.completeExceptionally(failure);
            shutdown(failure);
        }
    }

    private TransportException closedError() {
        return new TransportException(TransportException.Kind.CLOSED, "transport to " + remote + " is closed");
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /** Marks closed (first call wins and sets the cause), stops keep-alives, and closes the socket. */
    private void shutdown(Throwable cause) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closeCause = cause;
            if (keepAlive != null) {
                keepAlive.cancel(false);
            }
        }
        StreamSockets.closeQuietly(socket);
        writer.shutdown();
    }

    @Override
    public void close() {
        shutdown(null);
        if (!threads.isOwnThread() && !threads.awaitTermination(CLOSE_WAIT)) {
            LOG.warn("threads of the transport to {} did not end within {}", remote, CLOSE_WAIT);
        }
    }

    @Override
    public TransportKind kind() {
        return config.kind();
    }

    @Override
    public String remoteDescription() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public String toString() {
        return "StreamTransport[" + remote + "]";
    }
}
