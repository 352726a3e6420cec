package io.github.rcsoftphone.edge;

import io.github.rcsoftphone.sip.auth.DigestAuthenticator;
import io.github.rcsoftphone.sip.auth.DigestChallenge;
import io.github.rcsoftphone.sip.auth.DigestCredentials;
import io.github.rcsoftphone.sip.message.SipMessage;
import io.github.rcsoftphone.sip.message.SipParser;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transport.StreamFramer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A hand-driven SIP client over TCP for the edge's tests: sends text, queues what it receives. */
final class RawSipClient implements AutoCloseable {
    private final Socket socket;
    private final BlockingQueue<SipMessage> received = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final AtomicInteger branches = new AtomicInteger();

    RawSipClient(int port) throws IOException {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        reader = new Thread(this::read, "test-raw-sip-" + socket.getLocalPort());
        reader.setDaemon(true);
        reader.start();
    }

    int localPort() {
        return socket.getLocalPort();
    }

    String via() {
        return "SIP/2.0/TCP 127.0.0.1:" + localPort() + ";branch=z9hG4bKraw" + branches.incrementAndGet();
    }

    void send(String message) throws IOException {
        String text = message.replace("\r\n", "\n").replace("\n", "\r\n");
        int split = text.indexOf("\r\n\r\n") + 4;
        byte[] body = text.substring(split).getBytes(StandardCharsets.UTF_8);
        String head = text.substring(0, split - 2) + "Content-Length: " + body.length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
    }

    void send(SipMessage message) throws IOException {
        socket.getOutputStream().write(message.toBytes());
        socket.getOutputStream().flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    SipMessage next(Duration timeout) throws InterruptedException {
        SipMessage m = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("nothing received within " + timeout);
        }
        return m;
    }

    /** The next response, skipping 100 Trying. */
    SipResponse response() throws InterruptedException {
        while (true) {
            SipMessage m = next(Duration.ofSeconds(10));
            if (m instanceof SipResponse r && r.statusCode() != 100) {
                return r;
            }
            if (m instanceof SipRequest q) {
                throw new AssertionError("expected a response, got " + q.method());
            }
        }
    }

    /** The next request, skipping retransmitted 2xx responses to INVITE (sent until the ACK arrived). */
    SipRequest request() throws InterruptedException {
        while (true) {
            SipMessage m = next(Duration.ofSeconds(10));
            if (m instanceof SipRequest r) {
                return r;
            }
            SipResponse r = (SipResponse) m;
            if (r.statusCode() / 100 != 2 || !r.cseq().method().equals("INVITE")) {
                throw new AssertionError("expected a request, got " + m);
            }
        }
    }

    static String proxyAuthorization(SipResponse challenge, LocalEdge.Account account, String method, String uri) {
        return new DigestAuthenticator().authorize(
                DigestChallenge.parse(challenge.header("Proxy-Authenticate").orElseThrow()),
                new DigestCredentials(account.authorizationId(), account.password()), method, uri);
    }

    private void read() {
        StreamFramer framer = new StreamFramer(1 << 20);
        byte[] buf = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                for (byte[] m : framer.feed(buf, 0, n)) {
                    received.add(SipParser.parse(m));
                }
            }
        } catch (Exception e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        socket.close();
        reader.join(5000);
    }
}
