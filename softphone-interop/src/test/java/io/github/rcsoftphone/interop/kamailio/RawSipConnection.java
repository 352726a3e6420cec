package io.github.rcsoftphone.interop.kamailio;

import io.github.rcsoftphone.interop.support.TestTls;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A deliberately minimal SIP connection for checking the harness without the project's SIP stack: TCP or TLS
 * streams, or WebSocket (WS/WSS) text frames over a raw socket. One request, then one response, at a time.
 */
final class RawSipConnection implements AutoCloseable {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^(?:Content-Length|l)\\s*:\\s*(\\d+)");

    private final Socket socket;
    private final TransportKind kind;
    private final DataInputStream in;
    private final OutputStream out;
    private String webSocketKey;
    private String upgradeResponse;

    private RawSipConnection(Socket socket, TransportKind kind) throws IOException {
        this.socket = socket;
        this.kind = kind;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code server} over {@code kind}, verifying TLS against its CA, upgrading WebSockets. */
    static RawSipConnection open(KamailioServer server, TransportKind kind) throws Exception {
        RawSipConnection c = open(server, kind, "sip");
        if (kind.websocket() && !c.upgradeResponse().startsWith("HTTP/1.1 101")) {
            c.close();
            throw new IOException("WebSocket upgrade refused: " + c.upgradeResponse());
        }
        return c;
    }

    /**
     * Like {@link #open(KamailioServer, TransportKind)} but asks for WebSocket subprotocol {@code protocol} and does not
     * check the answer: see {@link #upgradeResponse()}.
     */
    static RawSipConnection open(KamailioServer server, TransportKind kind, String protocol) throws Exception {
        Socket s = new Socket(server.host(), server.port(kind));
        s.setSoTimeout(5000);
        if (kind.secure()) {
            SSLSocket tls = (SSLSocket) TestTls.trusting(server.caCertificate()).getSocketFactory()
                    .createSocket(s, server.host(), server.port(kind), true);
            SSLParameters p = tls.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(p);
            tls.startHandshake();
            s = tls;
        }
        RawSipConnection c = new RawSipConnection(s, kind);
        if (kind.websocket()) {
            c.upgrade(server.port(kind), protocol);
        }
        return c;
    }

    /** The HTTP response head to the WebSocket upgrade (null for TCP/TLS). */
    String upgradeResponse() {
        return upgradeResponse;
    }

    /** The {@code Sec-WebSocket-Key} sent in the upgrade. */
    String webSocketKey() {
        return webSocketKey;
    }

    /** Sends one SIP message (CRLF line ends, Content-Length included by the caller). */
    void send(String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        if (!kind.websocket()) {
            out.write(bytes);
        } else {
            writeFrame(bytes);
        }
        out.flush();
    }

    /** Reads one SIP message. */
    String receive() throws IOException {
        if (kind.websocket()) {
            return readFrame();
        }
        String head = readUntilBlankLine();
        Matcher m = CONTENT_LENGTH.matcher(head);
        int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
        byte[] body = new byte[length];
        in.readFully(body);
        return head + new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void upgrade(int port, String protocol) throws IOException {
        webSocketKey = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(16));
        out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + webSocketKey + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: " + protocol + "\r\nOrigin: http://127.0.0.1\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        upgradeResponse = readUntilBlankLine();
    }

    private String readUntilBlankLine() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after: " + head.toString(StandardCharsets.UTF_8));
            }
            head.write(b);
            String text = head.toString(StandardCharsets.UTF_8);
            if (text.equals("\r\n")) {
                head.reset(); // CRLF keep-alive between messages
            } else if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
    }

    private void writeFrame(byte[] payload) throws IOException {
        byte[] mask = new SecureRandom().generateSeed(4);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        frame.write(0x80 | 126);
        frame.write(payload.length >> 8);
        frame.write(payload.length & 0xff);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
    }

    private String readFrame() throws IOException {
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0f;
            int len = in.readUnsignedByte() & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = (int) in.readLong();
            }
            byte[] payload = new byte[len];
            in.readFully(payload);
            if (opcode == 1 || opcode == 2) {
                return new String(payload, StandardCharsets.UTF_8);
            }
            if (opcode == 8) {
                throw new IOException("WebSocket closed by the server");
            }
            // ping/pong: not needed for a test this short
        }
    }
}
