package io.github.rcsoftphone.sip.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The byte stream under a WebSocket: plain TCP ({@link Plain}) or TLS ({@link TlsWire}) over a connected,
 * non-blocking {@link SocketChannel}. Used on the selector thread only.
 */
interface Wire {
    /** Takes plaintext as it is read; must consume all of {@code bytes} (the buffer is reused). */
    @FunctionalInterface
    interface Sink {
        void accept(ByteBuffer bytes) throws IOException;
    }

    /** Reads what the socket has, handing plaintext to {@code sink}; false once the stream ended. */
    boolean read(Sink sink) throws IOException;

    /** Writes as much of {@code src} as the socket takes; true when all of it went out and nothing is held back. */
    boolean write(ByteBuffer src) throws IOException;

    /** Writes what is held back (e.g. TLS handshake records); true when nothing is left. */
    boolean flush() throws IOException;

    /** Whether application data may flow (at once on TCP; after the handshake on TLS). */
    boolean ready();

    /** Whether work off the selector thread is under way (TLS delegated tasks): the owner waits to be resumed. */
    default boolean busy() {
        return false;
    }

    /** Ends our direction, best effort: TLS close_notify, then a TCP FIN. */
    void shutdownOutput();

    /** Plain TCP. */
    final class Plain implements Wire {
        private static final int READ_BUFFER = 16 * 1024;

        private final SocketChannel channel;
        private final ByteBuffer in = ByteBuffer.allocate(READ_BUFFER);

        Plain(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public boolean read(Sink sink) throws IOException {
            while (true) {
                int n = channel.read(in);
                if (in.position() > 0) {
                    in.flip();
                    sink.accept(in);
                    in.clear();
                }
                if (n <= 0) {
                    return n == 0;
                }
            }
        }

        @Override
        public boolean write(ByteBuffer src) throws IOException {
            channel.write(src);
            return !src.hasRemaining();
        }

        @Override
        public boolean flush() {
            return true;
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public void shutdownOutput() {
            try {
                channel.shutdownOutput();
            } catch (IOException e) {
                // already gone: nothing to end
            }
        }
    }
}
