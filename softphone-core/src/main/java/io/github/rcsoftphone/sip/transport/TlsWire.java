package io.github.rcsoftphone.sip.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking channel with an {@link SSLEngine} in client mode: drives the handshake from reads and
 * writes, grows its buffers on BUFFER_OVERFLOW/UNDERFLOW, and reports the peer's close_notify as the end of the
 * stream. The engine's delegated tasks (processing the server's flight: key agreement, certificate chain and
 * signature checks, the bulk of a handshake's CPU) run on {@code tasks}, so that many connections opening at once
 * use every core rather than the one selector thread; the wire is {@link #busy()} meanwhile and {@code resume} is
 * called (on the pool) when they are done. Handshake failures surface as {@link SSLException}s from {@link #read}
 * or {@link #flush}.
 */
final class TlsWire implements Wire {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    /** Received records (write mode between reads). */
    private ByteBuffer netIn;
    /** Records to send: bytes [0, position) are pending. */
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private boolean ready;
    private final Executor tasks;
    private final Runnable resume;
    private volatile boolean busy;

    /**
     * @param tasks runs the engine's delegated tasks
     * @param resume called on a thread of {@code tasks} when they are done: the owner reads and flushes again
     */
    TlsWire(SocketChannel channel, SSLEngine engine, Executor tasks, Runnable resume) {
        this.channel = channel;
        this.engine = engine;
        this.tasks = tasks;
        this.resume = resume;
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /** Sends the ClientHello (as far as the socket takes it). */
    void begin() throws IOException {
        engine.beginHandshake();
        advance();
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public boolean busy() {
        return busy;
    }

    @Override
    public boolean read(Sink sink) throws IOException {
        while (true) {
            int n = channel.read(netIn);
            netIn.flip();
            boolean closed;
            try {
                closed = unwrapAll(sink);
            } finally {
                netIn.compact();
            }
            if (closed) {
                return false;
            }
            if (n < 0) {
                try {
                    engine.closeInbound();
                } catch (SSLException e) {
                    // the peer closed TCP without close_notify: the end of the stream all the same
                }
                return false;
            }
            if (n == 0) {
                return true;
            }
        }
    }

    /** Unwraps every whole record of {@code netIn} (read mode); true when the peer's close_notify came. */
    private boolean unwrapAll(Sink sink) throws IOException {
        int stuck = 0;
        while (netIn.hasRemaining() && !busy) {
            SSLEngineResult r = engine.unwrap(netIn, appIn);
            if (appIn.position() > 0) {
                appIn.flip();
                sink.accept(appIn);
                appIn.clear();
            }
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW -> appIn = ByteBuffer.allocate(Math.max(appIn.capacity() * 2,
                        engine.getSession().getApplicationBufferSize()));
                case BUFFER_UNDERFLOW -> {
                    int needed = engine.getSession().getPacketBufferSize();
                    if (netIn.limit() == netIn.capacity() && netIn.capacity() < needed) {
                        ByteBuffer bigger = ByteBuffer.allocate(needed);
                        bigger.put(netIn);
                        bigger.flip();
                        netIn = bigger;
                    }
                    return false;
                }
                case CLOSED -> {
                    return true;
                }
                default -> {
                }
            }
            advance();
            if (busy) {
                return false; // the rest once the delegated tasks are done
            }
            if (r.bytesConsumed() > 0 || r.bytesProduced() > 0) {
                stuck = 0;
            } else if (engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP || ++stuck > 2) {
                return false; // the engine waits for the socket to take our records first (read again once it has)
            }
        }
        return false;
    }

    /** Runs tasks and sends records while the engine asks to; marks ready once the handshake is over. */
    private void advance() throws IOException {
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_TASK -> {
                    delegate();
                    return;
                }
                case NEED_WRAP -> {
                    if (!wrap(EMPTY)) {
                        return;
                    }
                }
                case NOT_HANDSHAKING, FINISHED -> {
                    ready = true;
                    return;
                }
                default -> {
                    return; // NEED_UNWRAP: the peer's turn
                }
            }
        }
    }

    @Override
    public boolean write(ByteBuffer src) throws IOException {
        return !busy && wrap(src);
    }

    /** Wraps {@code src} (one record at least, even when empty) and sends; true when all of it went out. */
    private boolean wrap(ByteBuffer src) throws IOException {
        while (true) {
            if (!send()) {
                return false;
            }
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOut = ByteBuffer.allocate(Math.max(netOut.capacity() * 2, engine.getSession().getPacketBufferSize()));
                continue;
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("TLS connection already closed");
            }
            runTasks();
            if (!src.hasRemaining()) {
                return send();
            }
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** Hands the delegated tasks to the pool (inline when it refuses them). */
    private void delegate() {
        List<Runnable> batch = new ArrayList<>();
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            batch.add(task);
        }
        busy = true;
        try {
            tasks.execute(() -> {
                try {
                    batch.forEach(Runnable::run);
                } finally {
                    busy = false;
                    resume.run();
                }
            });
        } catch (RejectedExecutionException e) {
            batch.forEach(Runnable::run);
            busy = false;
            resume.run();
        }
    }

    /** Sends held-back records, then goes on with the handshake if one is under way. */
    @Override
    public boolean flush() throws IOException {
        if (!send()) {
            return false;
        }
        if (!ready && !busy) {
            advance();
        }
        return netOut.position() == 0;
    }

    /** Writes the pending records; true when none is left. */
    private boolean send() throws IOException {
        if (netOut.position() == 0) {
            return true;
        }
        netOut.flip();
        try {
            channel.write(netOut);
            return !netOut.hasRemaining();
        } finally {
            netOut.compact();
        }
    }

    @Override
    public void shutdownOutput() {
        engine.closeOutbound();
        try {
            while (!engine.isOutboundDone()) {
                SSLEngineResult r = engine.wrap(EMPTY, netOut);
                if (r.getStatus() != SSLEngineResult.Status.OK && r.getStatus() != SSLEngineResult.Status.CLOSED
                        || r.bytesProduced() == 0) {
                    break;
                }
            }
            send();
            channel.shutdownOutput();
        } catch (IOException e) {
            // the connection is going anyway
        }
    }
}
