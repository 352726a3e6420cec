package io.github.rcsoftphone.edge;

import io.github.rcsoftphone.sip.transport.TransportException;
import io.github.rcsoftphone.sip.transport.TransportKind;
import io.github.rcsoftphone.sip.transport.WebSocketCodec;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * SIP over WebSocket (RFC 7118) on WS or WSS: the HTTP upgrade must offer subprotocol {@code sip}; then one SIP
 * message per text (or binary) message, fragments joined up to 64 KiB. Pings are answered, a close frame is echoed
 * and ends the connection; an unmasked client frame or an oversized message closes it with 1002 / 1009.
 */
final class WebSocketConnection extends EdgeConnection {
    private static final int MAX_UPGRADE_BYTES = 8192;

    private DataInputStream input;

    WebSocketConnection(long id, TransportKind kind, Socket socket, Handler handler) {
        super(id, kind, socket, handler);
    }

    @Override
    void handshake(InputStream in, OutputStream output) throws IOException {
        input = new DataInputStream(new BufferedInputStream(in, 2048));
        Map<String, String> headers = readUpgrade(input);
        String key = headers.get("sec-websocket-key");
        boolean sip = Arrays.stream(headers.getOrDefault("sec-websocket-protocol", "").split(","))
                .anyMatch(p -> p.strip().equalsIgnoreCase("sip"));
        if (key == null || !"websocket".equalsIgnoreCase(headers.getOrDefault("upgrade", "").strip()) || !sip) {
            output.write(("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            output.flush();
            throw new TransportException(TransportException.Kind.PROTOCOL,
                    "not a SIP WebSocket upgrade (needs Upgrade: websocket, a key and subprotocol sip)");
        }
        output.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + WebSocketCodec.acceptValue(key) + "\r\nSec-WebSocket-Protocol: sip\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        output.flush();
    }

    /** The upgrade request's headers, lower-case names (the request line under {@code ""}). */
    private static Map<String, String> readUpgrade(DataInputStream in) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int total = 0;
        boolean first = true;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the WebSocket upgrade");
            }
            if (++total > MAX_UPGRADE_BYTES) {
                throw new TransportException(TransportException.Kind.TOO_LARGE,
                        "WebSocket upgrade request exceeds " + MAX_UPGRADE_BYTES + " bytes");
            }
            if (b != '\n') {
                if (b != '\r') {
                    line.write(b);
                }
                continue;
            }
            String text = line.toString(StandardCharsets.ISO_8859_1);
            line.reset();
            if (text.isEmpty()) {
                return headers;
            }
            int colon = text.indexOf(':');
            if (first) {
                headers.put("", text);
                first = false;
            } else if (colon > 0) {
                headers.merge(text.substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        text.substring(colon + 1).strip(), (a, c) -> a + ", " + c);
            }
        }
    }

    @Override
    void readLoop(InputStream ignored) throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream(1024);
        boolean inMessage = false;
        while (true) {
            WebSocketCodec.Frame frame;
            try {
                frame = WebSocketCodec.read(input, MAX_MESSAGE_BYTES);
            } catch (TransportException e) {
                fail(e.kind() == TransportException.Kind.TOO_LARGE ? 1009 : 1002, e.getMessage());
                return;
            }
            if (!frame.masked()) {
                fail(1002, "unmasked client frame");
                return;
            }
            switch (frame.opcode()) {
                case WebSocketCodec.TEXT, WebSocketCodec.BINARY, WebSocketCodec.CONTINUATION -> {
                    if (inMessage == (frame.opcode() != WebSocketCodec.CONTINUATION)) {
                        fail(1002, "unexpected " + (inMessage ? "new message inside a fragmented one" : "continuation"));
                        return;
                    }
                    if (message.size() + frame.payload().length > MAX_MESSAGE_BYTES) {
                        fail(1009, "WebSocket message exceeds " + MAX_MESSAGE_BYTES + " bytes");
                        return;
                    }
                    message.write(frame.payload());
                    inMessage = !frame.fin();
                    if (frame.fin()) {
                        received(message.toByteArray());
                        message.reset();
                    }
                }
                case WebSocketCodec.PING -> write(WebSocketCodec.encode(WebSocketCodec.PONG, true, frame.payload()));
                case WebSocketCodec.PONG -> { }
                case WebSocketCodec.CLOSE -> {
                    byte[] code = frame.payload().length >= 2 ? Arrays.copyOf(frame.payload(), 2) : new byte[0];
                    write(WebSocketCodec.encode(WebSocketCodec.CLOSE, true, code));
                    return;
                }
                default -> {
                    fail(1002, "unknown opcode " + frame.opcode());
                    return;
                }
            }
        }
    }

    private void fail(int code, String why) {
        LOG.warn("{}: closing the WebSocket ({}): {}", this, code, why);
        write(WebSocketCodec.encode(WebSocketCodec.CLOSE, true, new byte[] {(byte) (code >> 8), (byte) code}));
    }

    @Override
    byte[] frame(byte[] sipMessage) {
        return WebSocketCodec.encode(WebSocketCodec.TEXT, true, sipMessage);
    }
}
