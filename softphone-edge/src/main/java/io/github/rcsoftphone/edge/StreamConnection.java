package io.github.rcsoftphone.edge;

import io.github.rcsoftphone.sip.transport.StreamFramer;
import io.github.rcsoftphone.sip.transport.TransportException;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * SIP over TCP or TLS: Content-Length framing (core's {@link StreamFramer}, 64 KiB per message). A double CRLF
 * between messages is an RFC 5626 keep-alive ping and is answered with one CRLF.
 */
final class StreamConnection extends EdgeConnection {
    private static final byte[] PONG = {'\r', '\n'};

    StreamConnection(long id, TransportKind kind, Socket socket, Handler handler) {
        super(id, kind, socket, handler);
    }

    @Override
    void readLoop(InputStream in) throws IOException {
        StreamFramer framer = new StreamFramer(MAX_MESSAGE_BYTES);
        byte[] chunk = new byte[8192];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            if (framer.buffered() == 0 && isPing(chunk, n)) {
                write(PONG);
            }
            try {
                for (byte[] message : framer.feed(chunk, 0, n)) {
                    received(message);
                }
            } catch (TransportException e) {
                LOG.warn("{}: closing the connection: {}", this, e.getMessage());
                return;
            }
        }
    }

    private static boolean isPing(byte[] data, int n) {
        return n >= 4 && data[0] == '\r' && data[1] == '\n' && data[2] == '\r' && data[3] == '\n';
    }

    @Override
    byte[] frame(byte[] sipMessage) {
        return sipMessage;
    }
}
