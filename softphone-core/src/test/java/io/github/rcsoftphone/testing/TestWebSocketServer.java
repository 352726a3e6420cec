package io.github.rcsoftphone.testing;

import io.github.rcsoftphone.sip.transport.WebSocketCodec;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A minimal RFC 6455 WebSocket server for tests, plain or over TLS: HTTP upgrade with {@code Sec-WebSocket-Accept},
 * optional subprotocol answer, masked client frames (an unmasked one is reported as a protocol error), fragmented
 * messages both ways, automatic pong, close handshake. Each connection has a reader thread; frames received are
 * queued for {@link Connection#next(Duration)}.
 */
public final class TestWebSocketServer implements AutoCloseable {
    private final ServerSocket server;
    private final String subprotocol;
    private final int rejectStatus;
    private final Thread acceptor;
    private final BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
    private final List<Connection> all = new CopyOnWriteArrayList<>();

    /** A frame or event seen by the server. */
    public sealed interface Frame permits Text, Binary, Ping, Pong, Close, ProtocolError { }

    /** A complete text message (fragments joined). */
    public record Text(String text) implements Frame { }

    /** A complete binary message (fragments joined). */
    public record Binary(byte[] data) implements Frame { }

    /** A ping (already answered). */
    public record Ping(byte[] data) implements Frame { }

    /** A pong. */
    public record Pong(byte[] data) implements Frame { }

    /** A close frame with its status code (-1 when none). */
    public record Close(int code) implements Frame { }

    /** Something the client did wrong. */
    public record ProtocolError(String what) implements Frame { }

    private TestWebSocketServer(ServerSocket server, String subprotocol, int rejectStatus) {
        this.server = server;
        this.subprotocol = subprotocol;
        this.rejectStatus = rejectStatus;
        this.acceptor = new Thread(this::acceptLoop, "test-ws-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * @param context TLS context (see {@link io.github.rcsoftphone.sip.transport.LocalPki.Issued#serverContext()}), or null for plain WS
     * @param subprotocol the subprotocol to answer when the client offers it, or null to answer none
     * @param rejectStatus 0 to accept upgrades, else the HTTP status to refuse them with
     */
    public static TestWebSocketServer start(SSLContext context, String subprotocol, int rejectStatus)
            throws IOException {
        ServerSocket socket = context == null
                ? new ServerSocket(0, 50, InetAddress.getLoopbackAddress())
                : context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return new TestWebSocketServer(socket, subprotocol, rejectStatus);
    }

    /** A plain WS server answering subprotocol {@code sip}. */
    public static TestWebSocketServer sip() throws IOException {
        return start(null, "sip", 0);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next upgraded connection; fails after {@code timeout}. */
    public Connection accept(Duration timeout) throws InterruptedException {
        Connection c = accepted.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (c == null) {
            throw new AssertionError("no WebSocket connection within " + timeout);
        }
        return c;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return;
            }
            try {
                socket.setSoTimeout(5000);
                Map<String, String> headers = readRequest(new DataInputStream(socket.getInputStream()));
                socket.setSoTimeout(0);
                if (!upgrade(socket, headers)) {
                    socket.close();
                    continue;
                }
                Connection c = new Connection(socket, headers);
                all.add(c);
                accepted.add(c);
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }
    }

    private static Map<String, String> readRequest(DataInputStream in) throws IOException {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String requestLine = readLine(in);
        headers.put(":request", requestLine);
        String line;
        while (!(line = readLine(in)).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.merge(line.substring(0, colon).trim(), line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        return headers;
    }

    private static String readLine(DataInputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("request ended early");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private boolean upgrade(Socket socket, Map<String, String> headers) throws IOException {
        OutputStream out = socket.getOutputStream();
        String key = headers.get("Sec-WebSocket-Key");
        if (rejectStatus != 0 || key == null || !"websocket".equalsIgnoreCase(headers.get("Upgrade"))) {
            int status = rejectStatus != 0 ? rejectStatus : 400;
            out.write(("HTTP/1.1 " + status + " Refused\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return false;
        }
        StringBuilder response = new StringBuilder("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + acceptValue(key) + "\r\n");
        String offered = headers.getOrDefault("Sec-WebSocket-Protocol", "");
        if (subprotocol != null && List.of(offered.toLowerCase(Locale.ROOT).split("\\s*,\\s*")).contains(subprotocol)) {
            response.append("Sec-WebSocket-Protocol: ").append(subprotocol).append("\r\n");
        }
        out.write(response.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return true;
    }

    /** The Sec-WebSocket-Accept value for a client key (RFC 6455 section 4.2.2). */
    public static String acceptValue(String key) {
        return WebSocketCodec.acceptValue(key);
    }

    @Override
    public void close() {
        closeQuietly(server);
        try {
            for (Connection c : all) {
                c.drop();
                c.reader.join(5000);
            }
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // test helper: nothing useful to do
        }
    }

    /** One upgraded connection. */
    public static final class Connection {
        private final Socket socket;
        private final Map<String, String> requestHeaders;
        private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
        private final CountDownLatch eof = new CountDownLatch(1);
        private final Thread reader;
        private boolean closeSent;

        Connection(Socket socket, Map<String, String> requestHeaders) {
            this.socket = socket;
            this.requestHeaders = requestHeaders;
            this.reader = new Thread(this::readLoop, "test-ws-conn-" + socket.getPort());
            reader.setDaemon(true);
            reader.start();
        }

        /** The upgrade request's headers (case-insensitive names); {@code :request} holds the request line. */
        public Map<String, String> requestHeaders() {
            return requestHeaders;
        }

        /** The next frame received, or an AssertionError after {@code timeout}. */
        public Frame next(Duration timeout) throws InterruptedException {
            Frame f = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (f == null) {
                throw new AssertionError("no WebSocket frame within " + timeout);
            }
            return f;
        }

        /** The next text message, skipping pings and pongs. */
        public String nextText(Duration timeout) throws InterruptedException {
            while (true) {
                Frame f = next(timeout);
                if (f instanceof Text t) {
                    return t.text();
                }
                if (!(f instanceof Ping) && !(f instanceof Pong)) {
                    throw new AssertionError("expected a text message, got " + f);
                }
            }
        }

        /** Sends {@code text} split into {@code fragments} frames (first text, then continuations). */
        public void sendText(String text, int fragments) throws IOException {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            int step = Math.max(1, (bytes.length + fragments - 1) / fragments);
            int offset = 0;
            do {
                int end = Math.min(bytes.length, offset + step);
                boolean last = end >= bytes.length;
                writeFrame(offset == 0 ? 0x1 : 0x0, last, java.util.Arrays.copyOfRange(bytes, offset, end));
                offset = end;
            } while (offset < bytes.length);
        }

        public void sendBinary(byte[] data) throws IOException {
            writeFrame(0x2, true, data);
        }

        public void sendPing(byte[] data) throws IOException {
            writeFrame(0x9, true, data);
        }

        /** Starts the close handshake with {@code code}. */
        public void sendClose(int code) throws IOException {
            synchronized (this) {
                closeSent = true;
            }
            writeFrame(0x8, true, new byte[] {(byte) (code >> 8), (byte) code});
        }

        /** Drops the TCP connection without a close handshake. */
        public void drop() {
            closeQuietly(socket);
        }

        /** True when the client's side of the connection ended within {@code timeout}. */
        public boolean awaitEof(Duration timeout) throws InterruptedException {
            return eof.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        private synchronized void writeFrame(int opcode, boolean fin, byte[] payload) throws IOException {
            OutputStream out = socket.getOutputStream();
            out.write(WebSocketCodec.encode(opcode, fin, payload));
            out.flush();
        }

        private void readLoop() {
            try {
                DataInputStream in = new DataInputStream(socket.getInputStream());
                ByteArrayOutputStream message = new ByteArrayOutputStream();
                int messageOpcode = -1;
                while (true) {
                    WebSocketCodec.Frame frame = WebSocketCodec.read(in, Integer.MAX_VALUE);
                    if (!frame.masked()) {
                        frames.add(new ProtocolError("unmasked client frame"));
                        return;
                    }
                    boolean fin = frame.fin();
                    int opcode = frame.opcode();
                    byte[] payload = frame.payload();
                    switch (opcode) {
                        case 0x0, 0x1, 0x2 -> {
                            if (opcode != 0) {
                                messageOpcode = opcode;
                            }
                            message.write(payload);
                            if (fin) {
                                frames.add(messageOpcode == 1 ? new Text(message.toString(StandardCharsets.UTF_8))
                                        : new Binary(message.toByteArray()));
                                message.reset();
                            }
                        }
                        case 0x8 -> {
                            frames.add(new Close(payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : -1));
                            boolean reply;
                            synchronized (this) {
                                reply = !closeSent;
                                closeSent = true;
                            }
                            if (reply) {
                                writeFrame(0x8, true, payload.length >= 2 ? java.util.Arrays.copyOf(payload, 2) : new byte[0]);
                            }
                            socket.close();
                            return;
                        }
                        case 0x9 -> {
                            frames.add(new Ping(payload));
                            writeFrame(0xA, true, payload);
                        }
                        case 0xA -> frames.add(new Pong(payload));
                        default -> {
                            frames.add(new ProtocolError("unknown opcode " + opcode));
                            return;
                        }
                    }
                }
            } catch (IOException e) {
                // end of stream or dropped
            } finally {
                eof.countDown();
                closeQuietly(socket);
            }
        }
    }
}
