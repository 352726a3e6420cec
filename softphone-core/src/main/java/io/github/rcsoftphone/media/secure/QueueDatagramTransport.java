package io.github.rcsoftphone.media.secure;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;

/**
 * The DTLS side of the RFC 7983 demux: the receive path offers DTLS datagrams (first byte 20-63) here, and DTLS
 * sends go straight out of the shared socket to the ICE-selected remote address.
 *
 * <p>During the handshake {@link #receive} blocks (on a pooled thread). After it, {@link #nonBlocking()} makes an
 * empty queue end a receive at once with an {@link InterruptedIOException}, which BouncyCastle passes through
 * without failing the association: records that arrive later are then processed on the receive thread.
 */
final class QueueDatagramTransport implements DatagramTransport {
    static final int MTU = 1200;
    private static final byte[] CLOSED = new byte[0];

    /** Sends one datagram; false when it could not be sent. */
    interface Sender {
        boolean send(byte[] datagram, int offset, int length, InetSocketAddress to);
    }

    private final BlockingQueue<byte[]> queue = new LinkedBlockingQueue<>(64);
    private final Sender sender;
    private volatile InetSocketAddress remote;
    private volatile boolean closed;
    private volatile boolean nonBlocking;

    QueueDatagramTransport(Sender sender) {
        this.sender = sender;
    }

    void remote(InetSocketAddress address) {
        this.remote = address;
    }

    /** From now on a receive with nothing queued returns at once (see the class comment). */
    void nonBlocking() {
        nonBlocking = true;
    }

    /** Called by the receive path; drops the datagram when the queue is full (DTLS retransmits). */
    void offer(byte[] datagram) {
        if (!closed) {
            queue.offer(datagram);
        }
    }

    /** Whether a datagram is waiting (the peer's first flight came). */
    boolean hasQueued() {
        return !queue.isEmpty();
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
        if (nonBlocking) {
            d = queue.poll();
            if (d == null) {
                throw new InterruptedIOException("no DTLS datagram queued");
            }
        } else {
            try {
                d = queue.poll(Math.max(1, waitMillis), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for DTLS");
            }
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
        sender.send(buf, off, len, to);   // a datagram the kernel could not take is lost like any: DTLS retransmits
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
