package io.github.rcsoftphone.sip.transport;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The client's side of the WebSocket opening handshake (RFC 6455 4.1, RFC 7118 subprotocol {@code sip}): the
 * upgrade request, then the response head collected from bytes as they arrive and checked (status 101, upgrade
 * headers, {@code Sec-WebSocket-Accept}, the subprotocol, no extension). Not thread-safe.
 */
final class WebSocketUpgrade {
    private static final byte[] END = {'\r', '\n', '\r', '\n'};

    private final String remote;
    private final String key;
    private final int maxBytes;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream(256);
    private int matched;

    /**
     * @param remote e.g. {@code wss://host:port}, for messages
     * @param nonce 16 random bytes: the {@code Sec-WebSocket-Key}
     * @param maxBytes the largest response head accepted
     */
    WebSocketUpgrade(String remote, byte[] nonce, int maxBytes) {
        this.remote = remote;
        this.key = Base64.getEncoder().encodeToString(nonce);
        this.maxBytes = maxBytes;
    }

    /** The HTTP/1.1 upgrade request for {@code host:port}. */
    byte[] request(String host, int port) {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return ("GET / HTTP/1.1\r\nHost: " + h + ":" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: "
                + WebSocketTransport.SUBPROTOCOL + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Takes response bytes up to the end of the head; true once the head is complete and valid (the bytes after it,
     * WebSocket frames, are left in {@code bytes}).
     *
     * @throws TransportException (PROTOCOL) for an oversized head or a refused or invalid upgrade
     */
    boolean feed(ByteBuffer bytes) throws TransportException {
        while (bytes.hasRemaining()) {
            byte b = bytes.get();
            head.write(b);
            matched = b == END[matched] ? matched + 1 : b == END[0] ? 1 : 0;
            if (matched == END.length) {
                check(head.toString(StandardCharsets.ISO_8859_1));
                return true;
            }
            if (head.size() > maxBytes) {
                throw protocol("the WebSocket upgrade response from " + remote + " exceeds " + maxBytes + " bytes");
            }
        }
        return false;
    }

    private void check(String response) throws TransportException {
        String[] lines = response.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.")) {
            throw protocol("WebSocket upgrade to " + remote + ": not an HTTP response: " + printable(lines[0]));
        }
        if (!status[1].equals("101")) {
            throw protocol("WebSocket upgrade to " + remote + " refused with HTTP " + printable(status[1]));
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
        }
        if (!"websocket".equalsIgnoreCase(headers.get("Upgrade"))
                || !headers.getOrDefault("Connection", "").toLowerCase(Locale.ROOT).contains("upgrade")) {
            throw protocol("WebSocket upgrade to " + remote + ": the 101 response lacks 'Upgrade: websocket' or "
                    + "'Connection: Upgrade'");
        }
        if (!WebSocketCodec.acceptValue(key).equals(headers.get("Sec-WebSocket-Accept"))) {
            throw protocol("WebSocket upgrade to " + remote + ": wrong Sec-WebSocket-Accept");
        }
        if (headers.containsKey("Sec-WebSocket-Extensions")) {
            throw protocol("WebSocket upgrade to " + remote + ": extensions chosen that were not offered ("
                    + printable(headers.get("Sec-WebSocket-Extensions")) + ")");
        }
        String chosen = headers.getOrDefault("Sec-WebSocket-Protocol", "");
        if (!WebSocketTransport.SUBPROTOCOL.equalsIgnoreCase(chosen)) {
            throw protocol(remote + " did not accept the WebSocket subprotocol 'sip'"
                    + (chosen.isEmpty() ? "" : " (chose '" + printable(chosen) + "')"));
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }

    private static TransportException protocol(String message) {
        return new TransportException(TransportException.Kind.PROTOCOL, message);
    }
}
