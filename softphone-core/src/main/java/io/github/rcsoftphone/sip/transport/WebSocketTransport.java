package io.github.rcsoftphone.sip.transport;

import io.github.rcsoftphone.sched.Scheduler;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP over WebSocket (RFC 7118) on a {@link SelectorLoop}: subprotocol {@code sip}, one SIP message per WebSocket
 * message, TLS by {@link TlsWire}. Everything but {@link #send} and {@link #close} runs on the loop thread, which
 * also calls the listener (in order, {@code onClosed} last). The loop is the shared one of
 * {@link TransportConfig#webSockets()}, or one of the connection's own (a thread from the config's factory) that
 * ends with it.
 */
final class WebSocketTransport implements SipTransport, SelectorLoop.Handler, WebSocketCodec.FrameSink {
    private static final Logger LOG = LoggerFactory.getLogger(SipTransport.class.getPackageName());
    static final String SUBPROTOCOL = "sip";
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);
    private static final int NORMAL_CLOSURE = 1000;
    private static final int PROTOCOL_ERROR = 1002;

    private enum State { CONNECTING, HANDSHAKING, UPGRADING, OPEN, CLOSING, CLOSED }

    /** A frame to write and who waits for it (null for control frames). */
    private record Outgoing(ByteBuffer bytes, CompletableFuture<Void> done, boolean close) {
    }

    private final TransportConfig config;
    private final String remote;
    private final SelectorLoop loop;
    private final boolean ownLoop;
    private final WebSocketClients.Tls tls;
    private final CompletableFuture<SipTransport> opening = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final AtomicBoolean closeRequested = new AtomicBoolean();
    private final TransportListener listener;
    // loop thread only
    private final WebSocketCodec.Decoder decoder;
    private final WebSocketMessages messages;
    private final ArrayDeque<Outgoing> out = new ArrayDeque<>();
    private State state = State.CONNECTING;
    private SSLContext context;
    private SocketChannel channel;
    private SelectionKey key;
    private Wire wire;
    private WebSocketUpgrade upgrade;
    private boolean blocked;
    private Scheduler.Cancellable connectTimer;
    private Scheduler.Cancellable readTimer;
    private Scheduler.Cancellable closeTimer;
    private ScheduledFuture<?> keepAlive;

    private WebSocketTransport(TransportConfig config, TransportListener listener, SelectorLoop loop, boolean ownLoop,
                               WebSocketClients.Tls tls) {
        this.config = config;
        this.listener = listener;
        this.remote = config.describe();
        this.loop = loop;
        this.ownLoop = ownLoop;
        this.tls = tls;
        this.decoder = new WebSocketCodec.Decoder(config.maxMessageBytes());
        this.messages = new WebSocketMessages(listener, config.maxMessageBytes(), remote);
    }

    static CompletableFuture<SipTransport> connect(TransportConfig config, TransportListener listener) {
        WebSocketClients shared = config.webSockets();
        SelectorLoop loop = shared != null ? shared.loop() : new SelectorLoop(config.threadFactory());
        WebSocketClients.Tls tls = null;
        try {
            if (config.kind().secure()) {
                tls = shared != null ? shared.tls(config) : WebSocketClients.Tls.unshared(config);
                if (config.tls().insecure()) {
                    StreamSockets.warnInsecure(config.describe());
                }
            }
        } catch (Exception e) {
            if (shared == null) {
                loop.close();
            }
            return CompletableFuture.failedFuture(Failures.connectFailure(e, config.describe(), null));
        }
        WebSocketTransport transport = new WebSocketTransport(config, listener, loop, shared == null, tls);
        if (!loop.execute(transport::start)) {
            if (shared == null) {
                loop.close();
            }
            return CompletableFuture.failedFuture(Failures.connectFailure(
                    new IOException("the shared WebSocket clients are closed"), transport.remote, null));
        }
        return transport.opening;
    }

    // ---- opening (loop thread)

    private void start() {
        loop.join(this);
        connectTimer = loop.schedule(config.connectTimeout(), this::connectTimedOut);
        loop.resolve(config.host(), config.port(), this::resolved);
    }

    private void resolved(InetSocketAddress address, Throwable error) {
        if (state != State.CONNECTING) {
            return; // timed out or closed meanwhile
        }
        if (error != null) {
            failOpening(error);
            return;
        }
        try {
            channel = SocketChannel.open();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            key = loop.register(channel, 0, this);
            if (channel.connect(address)) {
                connected();
            } else {
                key.interestOps(SelectionKey.OP_CONNECT);
            }
        } catch (IOException | RuntimeException e) {
            failOpening(e);
        }
    }

    private void connected() throws IOException {
        if (tls != null) {
            try {
                context = tls.borrow();
            } catch (Exception e) {
                throw new IOException("cannot make a TLS context: " + e.getMessage(), e);
            }
            SSLEngine engine = context.createSSLEngine(config.host(), config.port());
            engine.setUseClientMode(true);
            engine.setSSLParameters(StreamSockets.parameters(engine.getSSLParameters(), config));
            TlsWire secure = new TlsWire(channel, engine, loop.workers(), () -> loop.execute(this::drive));
            wire = secure;
            state = State.HANDSHAKING;
            secure.begin();
        } else {
            wire = new Wire.Plain(channel);
            state = State.HANDSHAKING;
        }
        flushOut();
        updateInterest();
    }

    /** TLS (if any) is up: sends the upgrade request. */
    private void sendUpgrade() {
        upgrade = new WebSocketUpgrade(remote, loop.randomBytes(16), config.maxMessageBytes());
        state = State.UPGRADING;
        out.add(new Outgoing(ByteBuffer.wrap(upgrade.request(config.host(), config.port())), null, false));
    }

    private void upgraded() {
        state = State.OPEN;
        connectTimer.cancel();
        releaseContext();
        Duration every = config.keepAliveInterval();
        if (!every.isZero()) {
            keepAlive = config.scheduler().scheduleAtFixedRate(() -> loop.execute(this::ping),
                    every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
        }
        LOG.debug("WebSocket to {} open", remote);
        if (!opening.complete(this)) {
            close(); // the caller cancelled
        }
    }

    private void connectTimedOut() {
        String stage = switch (state) {
            case CONNECTING -> "TCP connect";
            case HANDSHAKING -> tls != null ? "TLS handshake" : "connect";
            case UPGRADING -> "WebSocket upgrade";
            default -> null;
        };
        if (stage != null) {
            failOpening(new SocketTimeoutException(stage + " not done within " + config.connectTimeout().toMillis()
                    + " ms"));
        }
    }

    private boolean opened() {
        return state == State.OPEN || state == State.CLOSING;
    }

    private void failOpening(Throwable error) {
        TransportException failure = Failures.connectFailure(error, remote, tls == null ? null : tls.verification());
        LOG.debug("connect to {} failed: {}", remote, failure.getMessage());
        terminate(null);
        opening.completeExceptionally(failure);
    }

    // ---- I/O events (loop thread)

    @Override
    public void ready(SelectionKey selected) {
        if (state != State.CONNECTING) {
            drive();
            return;
        }
        try {
            if (selected.isConnectable() && channel.finishConnect()) {
                connected();
            }
        } catch (IOException | RuntimeException e) {
            broken(e);
        }
    }

    /** Reads what came, writes what waits (also after TLS work done off the loop). */
    private void drive() {
        if (state == State.CLOSED) {
            return;
        }
        try {
            if (!wire.read(this::received)) {
                ended();
                return;
            }
            if (state != State.CLOSED) {
                flushOut();
                watchReadTime();
                updateInterest();
            }
        } catch (IOException | RuntimeException e) {
            broken(e);
        }
    }

    private void received(ByteBuffer bytes) throws TransportException {
        if (state == State.UPGRADING) {
            if (!upgrade.feed(bytes)) {
                return;
            }
            upgraded();
        }
        if (opened()) {
            decoder.feed(bytes, this);
        }
        bytes.position(bytes.limit());
    }

    @Override
    public void frame(WebSocketCodec.Frame frame) throws TransportException {
        if (state != State.OPEN) {
            if (state == State.CLOSING && frame.opcode() == WebSocketCodec.CLOSE) {
                terminate(null); // the peer answered our close
            }
            return;
        }
        if (frame.masked()) {
            throw new TransportException(TransportException.Kind.PROTOCOL, "masked WebSocket frame from " + remote);
        }
        switch (frame.opcode()) {
            case WebSocketCodec.TEXT, WebSocketCodec.BINARY, WebSocketCodec.CONTINUATION -> messages.data(frame);
            case WebSocketCodec.PING -> queue(WebSocketCodec.PONG, frame.payload(), null);
            case WebSocketCodec.PONG -> {
            }
            case WebSocketCodec.CLOSE -> peerClosed(frame.payload());
            default -> throw new TransportException(TransportException.Kind.PROTOCOL,
                    "WebSocket frame with unknown opcode " + frame.opcode() + " from " + remote);
        }
    }

    @Override
    public void oversized(int opcode, boolean fin, boolean masked, long length) throws TransportException {
        if (state == State.OPEN) {
            messages.oversized(opcode, fin, length);
        }
    }

    private void peerClosed(byte[] payload) {
        int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
        String reason = payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        queue(WebSocketCodec.CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0], null);
        TransportException cause = new TransportException(TransportException.Kind.CLOSED, "WebSocket closed by "
                + remote + " with code " + code + (reason.isEmpty() ? "" : " (" + reason + ")"));
        LOG.debug("{}", cause.getMessage());
        try {
            flushOut();
        } catch (IOException e) {
            LOG.debug("close frame to {} not sent: {}", remote, e.toString());
        }
        wire.shutdownOutput();
        terminate(cause);
    }

    /** The stream ended (FIN or close_notify). */
    private void ended() {
        switch (state) {
            case CLOSING -> terminate(null);
            case OPEN -> terminate(new TransportException(TransportException.Kind.CLOSED,
                    "connection to " + remote + " lost (ended without a WebSocket close frame)"));
            case CLOSED -> {
            }
            default -> failOpening(new EOFException("connection closed by " + remote + " during the handshake"));
        }
    }

    private void broken(Throwable e) {
        if (state == State.CLOSED) {
            return;
        }
        if (!opened()) {
            failOpening(e);
            return;
        }
        if (state == State.CLOSING) {
            terminate(null);
            return;
        }
        TransportException cause = e instanceof TransportException te ? te : new TransportException(
                TransportException.Kind.CLOSED, "WebSocket to " + remote + " failed: " + e, e);
        if (cause.kind() != TransportException.Kind.CLOSED) {
            LOG.warn("closing the WebSocket to {}: {}", remote, cause.getMessage());
            out.clear();
            queue(WebSocketCodec.CLOSE, new byte[] {(byte) (PROTOCOL_ERROR >> 8), (byte) PROTOCOL_ERROR}, null);
            try {
                flushOut();
            } catch (IOException | RuntimeException ignored) {
                // best effort
            }
        }
        terminate(cause);
    }

    /** Keeps an incomplete frame or fragmented message from holding the connection for ever. */
    private void watchReadTime() {
        boolean pending = state == State.OPEN && (!decoder.atFrameStart() || messages.midMessage());
        if (pending && readTimer == null) {
            readTimer = loop.schedule(config.messageReadTimeout(), this::readTimedOut);
        } else if (!pending && readTimer != null) {
            readTimer.cancel();
            readTimer = null;
        }
    }

    private void readTimedOut() {
        readTimer = null;
        String what = decoder.atFrameStart() ? "message from " + remote + ": its last fragment did not arrive"
                : "frame from " + remote + ": only " + decoder.describePending() + " arrived";
        broken(new TransportException(TransportException.Kind.PROTOCOL, "incomplete WebSocket " + what
                + " within the limit of " + config.messageReadTimeout().toMillis() + " ms"));
    }

    // ---- writing (loop thread)

    private void queue(int opcode, byte[] payload, CompletableFuture<Void> done) {
        byte[] frame = WebSocketCodec.encodeMasked(opcode, true, payload, loop.mask());
        out.add(new Outgoing(ByteBuffer.wrap(frame), done, opcode == WebSocketCodec.CLOSE));
    }

    /** Writes what the socket takes: TLS records held back, the upgrade request once TLS is up, queued frames. */
    private void flushOut() throws IOException {
        blocked = !wire.flush();
        if (blocked) {
            return;
        }
        if (state == State.HANDSHAKING) {
            if (!wire.ready()) {
                return;
            }
            sendUpgrade();
        }
        while (!out.isEmpty()) {
            Outgoing next = out.peek();
            if (!wire.write(next.bytes())) {
                blocked = true;
                return;
            }
            out.poll();
            if (next.done() != null) {
                next.done().complete(null);
            }
            if (next.close() && state == State.CLOSING) {
                wire.shutdownOutput();
                closeTimer = loop.schedule(CLOSE_WAIT, () -> terminate(null));
            }
        }
    }

    private void updateInterest() {
        if (key != null && key.isValid()) {
            key.interestOps(state == State.CONNECTING ? SelectionKey.OP_CONNECT
                    : SelectionKey.OP_READ | (blocked && !wire.busy() ? SelectionKey.OP_WRITE : 0));
        }
    }

    private void enqueue(int opcode, byte[] message, CompletableFuture<Void> done) {
        if (state != State.OPEN) {
            done.completeExceptionally(closedError(null));
            return;
        }
        queue(opcode, message, done);
        if (!blocked) {
            try {
                flushOut();
            } catch (IOException | RuntimeException e) {
                broken(e);
                return;
            }
            updateInterest();
        }
    }

    /** A keep-alive ping, unless something is still being sent (which keeps the connection alive as well). */
    private void ping() {
        if (state == State.OPEN && out.isEmpty()) {
            enqueue(WebSocketCodec.PING, new byte[0], new CompletableFuture<>());
        }
    }

    @Override
    public CompletableFuture<Void> send(byte[] message) {
        if (closeRequested.get()) {
            return CompletableFuture.failedFuture(closedError(null));
        }
        int opcode = isUtf8(message) ? WebSocketCodec.TEXT : WebSocketCodec.BINARY;
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!loop.execute(() -> enqueue(opcode, message, done))) {
            done.completeExceptionally(closedError(null));
        }
        return done;
    }

    /** A message that is valid UTF-8 goes as a text frame, anything else as binary. */
    private static boolean isUtf8(byte[] message) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(message));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private TransportException closedError(Throwable cause) {
        return new TransportException(TransportException.Kind.CLOSED, "WebSocket to " + remote + " is closed", cause);
    }

    // ---- closing

    @Override
    public void close() {
        if (closeRequested.compareAndSet(false, true)) {
            LOG.debug("closing WebSocket to {}", remote);
            loop.execute(this::startClosing); // false: the loop closed, and told this connection
        }
        if (loop.inLoop()) {
            return;
        }
        try {
            finished.get(2 * CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("WebSocket to {} did not close within {}", remote, CLOSE_WAIT.multipliedBy(2));
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
        if (ownLoop && !loop.awaitTermination(CLOSE_WAIT)) {
            LOG.warn("the WebSocket thread for {} did not end within {}", remote, CLOSE_WAIT);
        }
    }

    /** Sends a 1000 close frame after the queued messages, then waits for the peer's close or end of stream. */
    private void startClosing() {
        if (state == State.OPEN) {
            state = State.CLOSING;
            cancelKeepAlive();
            queue(WebSocketCodec.CLOSE, new byte[] {(byte) (NORMAL_CLOSURE >> 8), (byte) NORMAL_CLOSURE}, null);
            try {
                flushOut();
                updateInterest();
            } catch (IOException | RuntimeException e) {
                terminate(null);
            }
        } else if (state != State.CLOSING && state != State.CLOSED) {
            failOpening(closedError(null));
        }
    }

    @Override
    public void loopClosed() {
        if (opened()) {
            terminate(new TransportException(TransportException.Kind.CLOSED,
                    "WebSocket to " + remote + " closed: its selector was closed"));
        } else if (state != State.CLOSED) {
            failOpening(new IOException("the WebSocket selector was closed"));
        }
    }

    /** The end: releases the socket, timers and TLS context, tells the listener (once opened), ends an own loop. */
    private void terminate(Throwable cause) {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasOpen = opened();
        state = State.CLOSED;
        for (Scheduler.Cancellable timer : new Scheduler.Cancellable[] {connectTimer, readTimer, closeTimer}) {
            if (timer != null) {
                timer.cancel();
            }
        }
        cancelKeepAlive();
        releaseContext();
        for (Outgoing o : out) {
            if (o.done() != null) {
                o.done().completeExceptionally(closedError(cause));
            }
        }
        out.clear();
        if (channel != null) {
            StreamSockets.closeQuietly(channel);
        }
        loop.leave(this);
        if (wasOpen) {
            Throwable reported = closeRequested.get() ? null : cause;
            LOG.debug("WebSocket to {} closed{}", remote, reported == null ? "" : ": " + reported.getMessage());
            try {
                listener.onClosed(reported);
            } catch (RuntimeException e) {
                LOG.warn("transport listener failed in onClosed", e);
            }
        }
        finished.complete(null);
        if (ownLoop) {
            loop.close();
        }
    }

    private void cancelKeepAlive() {
        if (keepAlive != null) {
            keepAlive.cancel(false);
            keepAlive = null;
        }
    }

    private void releaseContext() {
        if (context != null) {
            tls.release(context);
            context = null;
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
        return null;
    }

    @Override
    public String toString() {
        return "WebSocketTransport[" + remote + "]";
    }
}
