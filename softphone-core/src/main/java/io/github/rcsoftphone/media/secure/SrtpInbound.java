package io.github.rcsoftphone.media.secure;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both media transports do with packets once they are known to be SRTP or SRTCP: unprotect, count the outcome
 * (received, authentication failure, replay, other), and hand the plain packet to the listener. Also holds the
 * transports' counters and their thread naming and joining.
 */
final class SrtpInbound {
    private static final Logger LOG = LoggerFactory.getLogger(SrtpInbound.class);

    private final int port;
    private final AtomicLong rtpSent = new AtomicLong();
    private final AtomicLong rtpReceived = new AtomicLong();
    private final AtomicLong authFailures = new AtomicLong();
    private final AtomicLong replaysDropped = new AtomicLong();
    private final AtomicLong otherDropped = new AtomicLong();
    private volatile MediaListener listener;

    SrtpInbound(int port) {
        this.port = port;
    }

    void listener(MediaListener l) {
        this.listener = l;
    }

    MediaListener listener() {
        return listener;
    }

    void sent() {
        rtpSent.incrementAndGet();
    }

    void dropped() {
        otherDropped.incrementAndGet();
    }

    MediaTransport.Counters counters() {
        return new MediaTransport.Counters(rtpSent.get(), rtpReceived.get(), authFailures.get(), replaysDropped.get(),
                otherDropped.get());
    }

    /**
     * Unprotects {@code buf[0..len)} with {@code session} (null: not keyed yet, dropped) and delivers it;
     * {@code authenticated} runs first for a packet that passed authentication (SDES latches onto its source).
     */
    void receive(SrtpSession session, byte[] buf, int len, boolean rtcp, Runnable authenticated) {
        if (session == null) {
            otherDropped.incrementAndGet();
            return;
        }
        SrtpSession.Result r = rtcp ? session.unprotectRtcp(buf, 0, len) : session.unprotectRtp(buf, 0, len);
        switch (r.status()) {
            case OK -> {
                authenticated.run();
                if (!rtcp) {
                    rtpReceived.incrementAndGet();
                }
                deliver(r.packet(), rtcp);
            }
            case AUTH_FAILED -> authFailures.incrementAndGet();
            case REPLAYED -> replaysDropped.incrementAndGet();
            default -> otherDropped.incrementAndGet();
        }
    }

    private void deliver(byte[] plain, boolean rtcp) {
        MediaListener l = listener;
        if (l == null) {
            return;
        }
        try {
            if (rtcp) {
                l.onRtcp(plain);
            } else {
                l.onRtp(plain);
            }
        } catch (RuntimeException e) {
            LOG.warn("port {}: media listener threw", port, e);
        }
    }

    /** A thread from {@code factory} named {@code <prefix>-<port>-<role>}. */
    static Thread named(ThreadFactory factory, Runnable r, String prefix, int port, String role) {
        Thread t = factory.newThread(r);
        t.setName(prefix + "-" + port + "-" + role);
        return t;
    }

    /** Waits up to 2 s for {@code t} to end, unless it is the calling thread. */
    static void join(Thread t) {
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
