package io.github.rcsoftphone.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A loopback TCP or TLS server for transport tests: an acceptor thread hands every connection (after a successful
 * TLS handshake) to {@link #accept(Duration)}; failed handshakes are collected in {@link #handshakeFailures()}.
 * Connections are driven from the test thread with blocking reads bounded by timeouts.
 */
public final class TestStreamServer implements AutoCloseable {
    private final ServerSocket server;
    private final Thread acceptor;
    private final BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
    private final List<Connection> all = new CopyOnWriteArrayList<>();
    private final BlockingQueue<Exception> handshakeFailures = new LinkedBlockingQueue<>();

    private TestStreamServer(ServerSocket server, boolean tls) {
        this.server = server;
        this.acceptor = new Thread(() -> acceptLoop(tls), "test-stream-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A plain TCP server on 127.0.0.1 and a free port. */
    public static TestStreamServer plain() throws IOException {
        return new TestStreamServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), false);
    }

    /** A TLS server on 127.0.0.1 presenting the certificate of {@code context} (see {@link io.github.rcsoftphone.sip.transport.LocalPki}). */
    public static TestStreamServer tls(SSLContext context) throws IOException {
        return new TestStreamServer(context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress()), true);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next accepted connection; fails after {@code timeout}. */
    public Connection accept(Duration timeout) throws InterruptedException {
        Connection c = accepted.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (c == null) {
            throw new AssertionError("no connection accepted within " + timeout);
        }
        return c;
    }

    /** Server-side handshake failures, in order. */
    public BlockingQueue<Exception> handshakeFailures() {
        return handshakeFailures;
    }

    private void acceptLoop(boolean tls) {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                if (tls) {
                    socket.setSoTimeout(5000);
                    ((SSLSocket) socket).startHandshake();
                    socket.setSoTimeout(0);
                }
                Connection c = new Connection(socket);
                all.add(c);
                accepted.add(c);
            } catch (IOException e) {
                handshakeFailures.add(e);
                closeQuietly(socket);
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        all.forEach(Connection::close);
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // test helper: nothing useful to do
        }
    }

    /** One accepted connection, read and written from the test thread. */
    public static final class Connection implements AutoCloseable {
        private final Socket socket;
        private final InputStream in;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
        }

        public Socket socket() {
            return socket;
        }

        /** Writes {@code text} as UTF-8. */
        public void send(String text) {
            send(text.getBytes(StandardCharsets.UTF_8));
        }

        public void send(byte[] bytes) {
            try {
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Reads exactly {@code count} bytes as UTF-8 text, failing after {@code timeout}. */
        public String read(int count, Duration timeout) throws IOException {
            socket.setSoTimeout((int) timeout.toMillis());
            byte[] bytes = in.readNBytes(count);
            if (bytes.length < count) {
                throw new IOException("end of stream after " + bytes.length + " of " + count + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** Reads exactly as many bytes as {@code expected} has and returns them as text. */
        public String readLike(String expected, Duration timeout) throws IOException {
            return read(expected.getBytes(StandardCharsets.UTF_8).length, timeout);
        }

        /** True when the peer closed the connection within {@code timeout}; any bytes before that are discarded. */
        public boolean awaitEof(Duration timeout) throws IOException {
            socket.setSoTimeout((int) timeout.toMillis());
            ByteArrayOutputStream ignored = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    ignored.write(buffer, 0, n);
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true; // reset by peer also means closed
            }
        }

        public InetSocketAddress remoteAddress() {
            return (InetSocketAddress) socket.getRemoteSocketAddress();
        }

        @Override
        public void close() {
            closeQuietly(socket);
        }
    }
}
