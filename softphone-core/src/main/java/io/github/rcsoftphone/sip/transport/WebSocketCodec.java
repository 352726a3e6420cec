package io.github.rcsoftphone.sip.transport;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The server side of RFC 6455 framing, sans sockets: the {@code Sec-WebSocket-Accept} value, reading one frame
 * (unmasking it) and encoding an unmasked server frame. The client side is {@link java.net.http.WebSocket}'s.
 * Used by the embedded edge and by the test WebSocket server.
 */
public final class WebSocketCodec {
    /** Continuation frame. */
    public static final int CONTINUATION = 0x0;
    /** Text frame. */
    public static final int TEXT = 0x1;
    /** Binary frame. */
    public static final int BINARY = 0x2;
    /** Close frame. */
    public static final int CLOSE = 0x8;
    /** Ping frame. */
    public static final int PING = 0x9;
    /** Pong frame. */
    public static final int PONG = 0xA;

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketCodec() {
    }

    /**
     * One frame as read.
     *
     * @param fin whether this is the last fragment of a message
     * @param opcode the frame's opcode
     * @param masked whether the sender masked it (clients must)
     * @param payload the unmasked payload
     */
    public record Frame(boolean fin, int opcode, boolean masked, byte[] payload) {
        /** Whether this is a control frame (close, ping, pong). */
        public boolean control() {
            return (opcode & 0x8) != 0;
        }
    }

    /** The {@code Sec-WebSocket-Accept} value for a client's {@code Sec-WebSocket-Key} (RFC 6455 4.2.2). */
    public static String acceptValue(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key.trim() + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available in this JDK", e);
        }
    }

    /**
     * Reads one frame (blocking).
     *
     * @param maxPayload the largest payload accepted
     * @throws TransportException ({@link TransportException.Kind#TOO_LARGE}) when the payload exceeds
     *         {@code maxPayload}, ({@link TransportException.Kind#PROTOCOL}) for reserved bits or a fragmented or
     *         oversized control frame
     * @throws java.io.EOFException when the stream ends
     */
    public static Frame read(InputStream input, int maxPayload) throws IOException {
        DataInputStream in = input instanceof DataInputStream d ? d : new DataInputStream(input);
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        if ((b0 & 0x70) != 0) {
            throw new TransportException(TransportException.Kind.PROTOCOL, "WebSocket frame with reserved bits set");
        }
        boolean fin = (b0 & 0x80) != 0;
        int opcode = b0 & 0x0f;
        boolean masked = (b1 & 0x80) != 0;
        long length = b1 & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if ((opcode & 0x8) != 0 && (!fin || length > 125)) {
            throw new TransportException(TransportException.Kind.PROTOCOL, "fragmented or oversized control frame");
        }
        if (length < 0 || length > maxPayload) {
            throw new TransportException(TransportException.Kind.TOO_LARGE,
                    "WebSocket frame of " + length + " bytes exceeds the limit of " + maxPayload);
        }
        byte[] mask = masked ? in.readNBytes(4) : null;
        byte[] payload = new byte[(int) length];
        in.readFully(payload);
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
        }
        return new Frame(fin, opcode, masked, payload);
    }

    /** An unmasked (server) frame carrying {@code payload}. */
    public static byte[] encode(int opcode, boolean fin, byte[] payload) {
        int header = payload.length < 126 ? 2 : payload.length < 65536 ? 4 : 10;
        byte[] frame = new byte[header + payload.length];
        frame[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame[1] = (byte) payload.length;
        } else if (payload.length < 65536) {
            frame[1] = 126;
            frame[2] = (byte) (payload.length >> 8);
            frame[3] = (byte) payload.length;
        } else {
            frame[1] = 127;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) payload.length >> (56 - 8 * i));
            }
        }
        System.arraycopy(payload, 0, frame, header, payload.length);
        return frame;
    }
}
