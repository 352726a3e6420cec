package io.github.rcsoftphone.interop.kamailio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.sip.transport.TransportKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The WebSocket listeners, checked with a raw socket (no WebSocket library, none of our code): the upgrade with
 * subprotocol {@code sip} gets 101 (TLS verified for WSS), and a REGISTER in a masked text frame is challenged with
 * realm = domain.
 */
class WebSocketHandshakeTest {

    @RegisterExtension
    static final KamailioExtension KAMAILIO = new KamailioExtension(KamailioOptions.defaults());

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TransportKind.class, names = {"WS", "WSS"})
    void upgradesWithSubprotocolSipAndChallengesARegister(TransportKind kind) throws Exception {
        KamailioServer server = KAMAILIO.server();
        try (RawSipConnection c = RawSipConnection.open(server, kind, "sip")) {
            String head = c.upgradeResponse();

            assertThat(head).as(head).startsWith("HTTP/1.1 101").containsIgnoringCase("Sec-WebSocket-Protocol: sip")
                    .contains("Sec-WebSocket-Accept: " + accept(c.webSocketKey()));

            c.send("REGISTER sip:" + server.domain() + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/" + kind + " abc.invalid;branch=z9hG4bK" + System.nanoTime() + "\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:16505550100@" + server.domain() + ">;tag=t1\r\n"
                    + "To: <sip:16505550100@" + server.domain() + ">\r\nCall-ID: ws-" + System.nanoTime() + "\r\n"
                    + "CSeq: 1 REGISTER\r\nContact: <sip:x@abc.invalid;transport=ws>\r\nExpires: 60\r\n"
                    + "Content-Length: 0\r\n\r\n");
            String reply = c.receive();

            assertThat(reply).as(reply).startsWith("SIP/2.0 401").contains("realm=\"" + server.domain() + "\"");
        }
    }

    @Test
    void anUpgradeWithoutSubprotocolSipIsRefused() throws Exception {
        try (RawSipConnection c = RawSipConnection.open(KAMAILIO.server(), TransportKind.WS, "chat")) {
            assertThat(c.upgradeResponse()).as(c.upgradeResponse()).doesNotStartWith("HTTP/1.1 101");
        }
    }

    private static String accept(String key) throws Exception {
        byte[] sha1 = MessageDigest.getInstance("SHA-1")
                .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII));
        return Base64.getEncoder().encodeToString(sha1);
    }
}
