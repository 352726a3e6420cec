package io.github.rcsoftphone.call;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/**
 * A loopback STUN server for tests that the softphone's WebRTC media gathering asks for a server-reflexive candidate:
 * its Binding request tells which exact UDP port a call's media was prepared on, and the gathering (so the media
 * preparation) waits until the test {@link #answer answers} it (or for its own 2 s limit). No thread of its own.
 */
final class StunProbe implements AutoCloseable {
    private static final int BINDING_SUCCESS = 0x0101;

    /** A Binding request from {@code from} (the prepared socket) with its 12-byte transaction id. */
    record Request(InetSocketAddress from, byte[] transactionId) {
        /** The local port of the socket that asked. */
        int port() {
            return from.getPort();
        }
    }

    private final DatagramSocket socket;

    StunProbe() throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    /** Where the softphone's WebRTC config sends its Binding requests. */
    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    /** The next Binding request, or null when none comes within {@code wait}. */
    Request next(Duration wait) throws IOException {
        socket.setSoTimeout((int) Math.max(1, wait.toMillis()));
        byte[] buf = new byte[1500];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new Request((InetSocketAddress) p.getSocketAddress(), Arrays.copyOfRange(buf, 8, 20));
    }

    /** Answers {@code request} with a Binding success that maps nothing, which ends the gathering at once. */
    void answer(Request request) throws IOException {
        byte[] r = new byte[20];
        r[0] = (byte) (BINDING_SUCCESS >> 8);
        r[1] = (byte) BINDING_SUCCESS;
        r[4] = 0x21;   // magic cookie 0x2112A442
        r[5] = 0x12;
        r[6] = (byte) 0xA4;
        r[7] = 0x42;
        System.arraycopy(request.transactionId(), 0, r, 8, 12);
        socket.send(new DatagramPacket(r, r.length, request.from()));
    }

    @Override
    public void close() {
        socket.close();
    }
}
