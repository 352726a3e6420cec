package io.github.rcsoftphone.sip.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * RFC 6455 framing, sans sockets, for both sides: the {@code Sec-WebSocket-Accept} value, an incremental
 * {@link Decoder} fed bytes as they arrive (the client transport's), a blocking {@link #read(InputStream, int)} of one
 * frame on top of it (the embedded edge's and the test server's), and encoders of unmasked (server) and masked
 * (client) frames.
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

    /** Receives what a {@link Decoder} decodes, in order. */
    public interface FrameSink {
        /** One complete frame. */
        void frame(Frame frame) throws TransportException;

        /**
         * A data frame whose payload exceeds the decoder's limit: its payload is skipped without being kept (framing
         * stays intact, so the connection may go on).
         */
        void oversized(int opcode, boolean fin, boolean masked, long length) throws TransportException;
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
     * Reads one frame (blocking), never more bytes than the frame has.
     *
     * @param maxPayload the largest payload accepted
     * @throws TransportException ({@link TransportException.Kind#TOO_LARGE}) when the payload exceeds
     *         {@code maxPayload}, ({@link TransportException.Kind#PROTOCOL}) for reserved bits, a fragmented or
     *         oversized control frame or a negative length
     * @throws EOFException when the stream ends
     */
    public static Frame read(InputStream input, int maxPayload) throws IOException {
        Decoder decoder = new Decoder(maxPayload);
        Frame[] read = new Frame[1];
        FrameSink sink = new FrameSink() {
            @Override
            public void frame(Frame frame) {
                read[0] = frame;
            }

            @Override
            public void oversized(int opcode, boolean fin, boolean masked, long length) throws TransportException {
                throw new TransportException(TransportException.Kind.TOO_LARGE,
                        "WebSocket frame of " + length + " bytes exceeds the limit of " + maxPayload);
            }
        };
        while (read[0] == null) {
            int wanted = decoder.needed();
            byte[] bytes = input.readNBytes(wanted);
            if (bytes.length < wanted) {
                throw new EOFException("stream ended inside a WebSocket frame");
            }
            decoder.feed(ByteBuffer.wrap(bytes), sink);
        }
        return read[0];
    }

    /** An unmasked (server) frame carrying {@code payload}. */
    public static byte[] encode(int opcode, boolean fin, byte[] payload) {
        return encode(opcode, fin, payload, false, 0);
    }

    /** A (client) frame carrying {@code payload} masked with {@code mask} (RFC 6455 5.3: unpredictable per frame). */
    public static byte[] encodeMasked(int opcode, boolean fin, byte[] payload, int mask) {
        return encode(opcode, fin, payload, true, mask);
    }

    private static byte[] encode(int opcode, boolean fin, byte[] payload, boolean masked, int mask) {
        int n = payload.length;
        int lengthBytes = n < 126 ? 0 : n < 65536 ? 2 : 8;
        int header = 2 + lengthBytes + (masked ? 4 : 0);
        byte[] frame = new byte[header + n];
        frame[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        frame[1] = (byte) ((masked ? 0x80 : 0) | (n < 126 ? n : n < 65536 ? 126 : 127));
        for (int i = 0; i < lengthBytes; i++) {
            frame[2 + i] = (byte) ((long) n >> (8 * (lengthBytes - 1 - i)));
        }
        if (!masked) {
            System.arraycopy(payload, 0, frame, header, n);
            return frame;
        }
        byte[] key = {(byte) (mask >> 24), (byte) (mask >> 16), (byte) (mask >> 8), (byte) mask};
        System.arraycopy(key, 0, frame, header - 4, 4);
        for (int i = 0; i < n; i++) {
            frame[header + i] = (byte) (payload[i] ^ key[i & 3]);
        }
        return frame;
    }

    /**
     * Decodes frames from bytes as they arrive, in pieces of any size (one byte at a time included): control frames
     * and data frames up to the limit are handed over whole and unmasked, larger data frames are announced and their
     * payload skipped. After a {@link TransportException} the stream is broken: feed nothing more. Not thread-safe.
     */
    public static final class Decoder {
        private static final int MAX_HEADER = 14;

        private final int maxPayload;
        private final byte[] header = new byte[MAX_HEADER];
        private int headerHave;
        /** The payload being filled (null while reading a header or skipping). */
        private byte[] payload;
        private int payloadHave;
        /** Payload bytes still to skip of an oversized frame. */
        private long skipLeft;
        private long skipLength;

        /**
         * @param maxPayload the largest data frame payload handed over; larger ones are skipped (control frames, at
         *                   most 125 bytes, always come whole)
         */
        public Decoder(int maxPayload) {
            if (maxPayload < 0) {
                throw new IllegalArgumentException("negative maxPayload: " + maxPayload);
            }
            this.maxPayload = maxPayload;
        }

        /** Consumes every remaining byte of {@code bytes}, telling {@code sink} each frame completed. */
        public void feed(ByteBuffer bytes, FrameSink sink) throws TransportException {
            while (bytes.hasRemaining()) {
                if (skipLeft > 0) {
                    int n = (int) Math.min(skipLeft, bytes.remaining());
                    bytes.position(bytes.position() + n);
                    skipLeft -= n;
                } else if (payload != null) {
                    int n = Math.min(payload.length - payloadHave, bytes.remaining());
                    bytes.get(payload, payloadHave, n);
                    payloadHave += n;
                    if (payloadHave == payload.length) {
                        complete(sink);
                    }
                } else {
                    int n = Math.min(needed(), bytes.remaining());
                    bytes.get(header, headerHave, n);
                    headerHave += n;
                    if (headerHave >= 2 && headerHave == headerLength()) {
                        startPayload(sink);
                    }
                }
            }
        }

        /** How many bytes complete the piece being read (header, payload or skipped payload); at least 1. */
        public int needed() {
            if (skipLeft > 0) {
                return (int) Math.min(skipLeft, 1 << 16);
            }
            if (payload != null) {
                return payload.length - payloadHave;
            }
            return headerHave < 2 ? 2 - headerHave : headerLength() - headerHave;
        }

        /** True between frames: no byte of an unfinished frame is held. */
        public boolean atFrameStart() {
            return headerHave == 0 && payload == null && skipLeft == 0;
        }

        /** What an unfinished frame has so far, for error messages (e.g. {@code 10 of 300 payload bytes}). */
        public String describePending() {
            if (skipLeft > 0) {
                return (skipLength - skipLeft) + " of " + skipLength + " payload bytes";
            }
            if (payload != null) {
                return payloadHave + " of " + payload.length + " payload bytes";
            }
            return headerHave + " of " + (headerHave < 2 ? 2 : headerLength()) + " header bytes";
        }

        private int headerLength() {
            int len = header[1] & 0x7f;
            return 2 + (len == 126 ? 2 : len == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
        }

        private void startPayload(FrameSink sink) throws TransportException {
            int b0 = header[0] & 0xff;
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0f;
            boolean masked = (header[1] & 0x80) != 0;
            long length = header[1] & 0x7f;
            if (length == 126) {
                length = ((header[2] & 0xff) << 8) | (header[3] & 0xff);
            } else if (length == 127) {
                length = ByteBuffer.wrap(header, 2, 8).getLong();
            }
            if ((b0 & 0x70) != 0) {
                throw new TransportException(TransportException.Kind.PROTOCOL, "WebSocket frame with reserved bits set");
            }
            if ((opcode & 0x8) != 0 && (!fin || length > 125)) {
                throw new TransportException(TransportException.Kind.PROTOCOL, "fragmented or oversized control frame");
            }
            if (length < 0) {
                throw new TransportException(TransportException.Kind.PROTOCOL,
                        "WebSocket frame with a negative length (" + Long.toUnsignedString(length) + ")");
            }
            if (length > maxPayload && (opcode & 0x8) == 0) {
                headerHave = 0;
                skipLeft = length;
                skipLength = length;
                sink.oversized(opcode, fin, masked, length);
                return;
            }
            payload = new byte[(int) length];
            payloadHave = 0;
            if (length == 0) {
                complete(sink);
            }
        }

        private void complete(FrameSink sink) throws TransportException {
            byte[] done = payload;
            boolean masked = (header[1] & 0x80) != 0;
            if (masked) {
                int at = headerLength() - 4;
                for (int i = 0; i < done.length; i++) {
                    done[i] ^= header[at + (i & 3)];
                }
            }
            int b0 = header[0] & 0xff;
            payload = null;
            headerHave = 0;
            sink.frame(new Frame((b0 & 0x80) != 0, b0 & 0x0f, masked, done));
        }
    }
}
