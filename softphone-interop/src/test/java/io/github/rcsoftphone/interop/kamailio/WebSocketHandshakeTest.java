package io.github.rcsoftphone.interop.kamailio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.interop.support.TestTls;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The WebSocket listeners, checked with a raw socket (no WebSocket library, none of our code): the upgrade with
 * subprotocol {@code sip} gets 101, and a REGISTER sent in a masked text frame is challenged with realm = domain.
 */
class WebSocketHandshakeTest {

    @RegisterExtension
    static final KamailioExtension KAMAILIO = new KamailioExtension(KamailioOptions.defaults());

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TransportKind.class, names = {"WS", "WSS"})
    void upgradesWithSubprotocolSipAndChallengesARegister(TransportKind kind) throws Exception {
        KamailioServer server = KAMAILIO.server();
        try (Socket socket = open(server, kind)) {
            String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(16));
            String head = upgrade(socket, server.port(kind), key, "sip");

            assertThat(head).as(head).startsWith("HTTP/1.1 101").containsIgnoringCase("Sec-WebSocket-Protocol: sip")
                    .contains("Sec-WebSocket-Accept: " + accept(key));

            String register = "REGISTER sip:" + server.domain() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/" + kind + " abc.invalid;branch=z9hG4bK" + System.nanoTime() + "\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:16505550100@" + server.domain() + ">;tag=t1\r\n"
                    + "To: <sip:16505550100@" + server.domain() + ">\r\nCall-ID: ws-" + System.nanoTime() + "\r\n"
                    + "CSeq: 1 REGISTER\r\nContact: <sip:x@abc.invalid;transport=ws>\r\nExpires: 60\r\n"
                    + "Content-Length: 0\r\n\r\n";
            writeTextFrame(socket.getOutputStream(), register);
            String reply = readTextFrame(socket.getInputStream());

            assertThat(reply).as(reply).startsWith("SIP/2.0 401")
                    .contains("realm=\"" + server.domain() + "\"");
        }
    }

    @Test
    void anUpgradeWithoutSubprotocolSipIsRefused() throws Exception {
        KamailioServer server = KAMAILIO.server();
        try (Socket socket = open(server, TransportKind.WS)) {
            String head = upgrade(socket, server.wsPort(), "dGhlIHNhbXBsZSBub25jZQ==", "chat");
            assertThat(head).as(head).doesNotStartWith("HTTP/1.1 101");
        }
    }

    private static Socket open(KamailioServer server, TransportKind kind) throws Exception {
        Socket plain = new Socket(server.host(), server.port(kind));
        plain.setSoTimeout(5000);
        if (!kind.secure()) {
            return plain;
        }
        SSLSocket tls = (SSLSocket) TestTls.trusting(server.caCertificate()).getSocketFactory()
                .createSocket(plain, server.host(), server.port(kind), true);
        SSLParameters p = tls.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name 127.0.0.1
        tls.setSSLParameters(p);
        tls.startHandshake();
        return tls;
    }

    private static String upgrade(Socket socket, int port, String key, String protocol) throws IOException {
        String request = "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: " + protocol + "\r\nOrigin: http://127.0.0.1\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static String accept(String key) throws Exception {
        byte[] sha1 = MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(sha1);
    }

    /** A client frame: FIN + text opcode, masked, 16-bit length (the message is under 64 KiB). */
    private static void writeTextFrame(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
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
        out.flush();
    }

    /** Reads one unmasked server text frame. */
    private static String readTextFrame(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int first = data.readUnsignedByte();
        assertThat(first & 0x0f).as("opcode").isEqualTo(1);
        int len = data.readUnsignedByte() & 0x7f;
        if (len == 126) {
            len = data.readUnsignedShort();
        } else if (len == 127) {
            len = (int) data.readLong();
        }
        byte[] payload = new byte[len];
        data.readFully(payload);
        return new String(payload, StandardCharsets.UTF_8);
    }
}
