package io.github.rcsoftphone.sip.transport;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.ByteBuffer;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The client's opening handshake: request, and the response checked as its bytes arrive. */
class WebSocketUpgradeTest {
    private static final byte[] NONCE = "0123456789abcdef".getBytes(ISO_8859_1);
    private static final String KEY = Base64.getEncoder().encodeToString(NONCE);
    private static final String ACCEPT = WebSocketCodec.acceptValue(KEY);

    private static WebSocketUpgrade upgrade() {
        return new WebSocketUpgrade("wss://h:1", NONCE, 1024);
    }

    private static String ok(String extra) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + ACCEPT + "\r\n" + extra + "\r\n";
    }

    private static TransportException refused(String response) {
        TransportException e = catchThrowableOfType(() -> upgrade().feed(ByteBuffer.wrap(response.getBytes(ISO_8859_1))),
                TransportException.class);
        assertThat(e).as(response).isNotNull();
        assertThat(e.kind()).isEqualTo(TransportException.Kind.PROTOCOL);
        return e;
    }

    @Test
    void requestOffersSipWithARandomKey() {
        String request = new String(upgrade().request("::1", 8443), ISO_8859_1);
        assertThat(request).startsWith("GET / HTTP/1.1\r\nHost: [::1]:8443\r\n").endsWith("\r\n\r\n")
                .contains("Sec-WebSocket-Key: " + KEY + "\r\n", "Sec-WebSocket-Protocol: sip\r\n",
                        "Sec-WebSocket-Version: 13\r\n", "Upgrade: websocket\r\n");
    }

    @Test
    void responseFedByteByByteLeavesTheFramesAfterIt() throws Exception {
        byte[] bytes = (ok("sec-websocket-protocol: SIP\r\n") + "\u0081\u0000").getBytes(ISO_8859_1);
        WebSocketUpgrade upgrade = upgrade();
        ByteBuffer last = null;
        for (int i = 0; i < bytes.length; i++) {
            ByteBuffer one = ByteBuffer.wrap(bytes, i, 1);
            if (upgrade.feed(one)) {
                last = ByteBuffer.wrap(bytes, i + 1, bytes.length - i - 1);
                break;
            }
        }
        assertThat(last).isNotNull();
        assertThat(last.remaining()).isEqualTo(2);
        ByteBuffer together = ByteBuffer.wrap(bytes);
        assertThat(upgrade().feed(together)).isTrue();
        assertThat(together.remaining()).isEqualTo(2);
    }

    @Test
    void refusalsAreExplained() {
        assertThat(refused("HTTP/1.1 404 Not Found\r\n\r\n")).hasMessage("WebSocket upgrade to wss://h:1 refused with HTTP 404");
        assertThat(refused(ok(""))).hasMessage("wss://h:1 did not accept the WebSocket subprotocol 'sip'");
        assertThat(refused(ok("Sec-WebSocket-Protocol: chat\r\n")))
                .hasMessage("wss://h:1 did not accept the WebSocket subprotocol 'sip' (chose 'chat')");
        assertThat(refused(ok("Sec-WebSocket-Protocol: sip\r\n").replace(ACCEPT, "bm90IHRoZSByaWdodCBvbmU=")))
                .hasMessageContaining("wrong Sec-WebSocket-Accept");
        assertThat(refused(ok("Sec-WebSocket-Protocol: sip\r\nSec-WebSocket-Extensions: permessage-deflate\r\n")))
                .hasMessageContaining("extensions");
        assertThat(refused(ok("Sec-WebSocket-Protocol: sip\r\n").replace("Upgrade: websocket\r\n", "")))
                .hasMessageContaining("Upgrade: websocket");
        assertThat(refused("SSH-2.0-OpenSSH\r\n\r\n")).hasMessageContaining("not an HTTP response");
        assertThat(refused("HTTP/1.1 101 OK\r\nX: " + "y".repeat(2000))).hasMessageContaining("exceeds 1024 bytes");
    }
}
