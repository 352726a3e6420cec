package io.github.rcsoftphone.media.secure;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The DTLS side of the RFC 7983 demux: the receive thread offers DTLS datagrams (first byte 20-63) here, and DTLS
 * sends go straight out of the shared socket to the ICE-selected remote address.
 */
final class QueueDatagramTransport implements DatagramTransport {
    static final int MTU = 1200;
    private static final byte[] CLOSED = new byte[0];

    private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>(64);
    private final DatagramSocket socket;
    private volatile InetSocketAddress remote;
    private volatile boolean closed;

    QueueDatagramTransport(DatagramSocket socket) {
        this.socket = socket;
    }

    void remote(InetSocketAddress address) {
        this.remote = address;
    }

    /** Called by the receive thread; drops the datagram when the queue is full (DTLS retransmits). */
    void offer(byte[] datagram) {
        if (!closed) {
            queue.offer(datagram);
        }
    }

    @Override
    public int getReceiveLimit() {
        return 1500;
    }

    @Override
    public int getSendLimit() {
        return MTU;
    }

    @Override
    public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
        if (closed) {
            throw new IOException("DTLS transport closed");
        }
        byte[] d;
        try {
            d = queue.poll(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for DTLS");
        }
        if (d == null) {
            return -1;
        }
        if (d == CLOSED) {
            throw new IOException("DTLS transport closed");
        }
        int n = Math.min(len, d.length);
        System.arraycopy(d, 0, buf, off, n);
        return n;
    }

    @Override
    public void send(byte[] buf, int off, int len) throws IOException {
        InetSocketAddress to = remote;
        if (closed || to == null) {
            throw new IOException("DTLS transport closed or no ICE-selected remote");
        }
        socket.send(new DatagramPacket(buf, off, len, to));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            queue.clear();
            queue.offer(CLOSED);
        }
    }
}
