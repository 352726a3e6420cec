package io.github.rcsoftphone.sip.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS over a non-blocking channel with an {@link SSLEngine} in client mode: drives the handshake from reads and
 * writes, runs the engine's delegated tasks inline (certificate checks; they take well under a millisecond on a
 * resumed session), grows its buffers on BUFFER_OVERFLOW/UNDERFLOW, and reports the peer's close_notify as the end
 * of the stream. Handshake failures surface as {@link SSLException}s from {@link #read} or {@link #flush}.
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

    TlsWire(SocketChannel channel, SSLEngine engine) {
        this.channel = channel;
        this.engine = engine;
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
        while (netIn.hasRemaining()) {
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
                case NEED_TASK -> runTasks();
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
        return wrap(src);
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

    /** Sends held-back records, then goes on with the handshake if one is under way. */
    @Override
    public boolean flush() throws IOException {
        if (!send()) {
            return false;
        }
        if (!ready) {
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
