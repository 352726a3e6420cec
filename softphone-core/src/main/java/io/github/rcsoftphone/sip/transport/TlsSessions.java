package io.github.rcsoftphone.sip.transport;

import java.security.GeneralSecurityException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Client TLS contexts for one server, lent out one per opening connection so that many connections to that server
 * resume TLS sessions instead of each making a full handshake (certificate chain, signature check, and on the
 * server a signature). The JDK's client keeps one resumable session per context and server, and a TLS 1.3 ticket
 * serves one handshake only: connections opening at the same time on one context would all but one make a full
 * handshake. So a connection borrows a context of its own while it opens and gives it back once its opening
 * handshake is done (the server's new ticket has arrived by then); the next connection takes the context given back
 * last. At most {@link #MAX_CONTEXTS} contexts are made; beyond that, connections share them round-robin (and
 * some make full handshakes). The trust managers, hence certificate checking and its explanations, are shared.
 */
final class TlsSessions {
    /** Enough for the connections a program opens at once (a bounded number of registrations in flight). */
    static final int MAX_CONTEXTS = 64;

    private final TrustManager[] trustManagers;
    private final Deque<SSLContext> idle = new ConcurrentLinkedDeque<>();
    private final SSLContext[] made = new SSLContext[MAX_CONTEXTS];
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger overflow = new AtomicInteger();

    /** @param trustManagers the managers every context checks the server with */
    TlsSessions(TrustManager[] trustManagers) {
        this.trustManagers = trustManagers.clone();
    }

    /** A context for one opening connection; give it back with {@link #release(SSLContext)} once opened or failed. */
    SSLContext borrow() throws GeneralSecurityException {
        SSLContext context = idle.pollFirst();
        if (context != null) {
            return context;
        }
        int index = count.getAndUpdate(n -> Math.min(n + 1, MAX_CONTEXTS));
        if (index < MAX_CONTEXTS) {
            SSLContext fresh = newContext();
            synchronized (made) {
                made[index] = fresh;
            }
            return fresh;
        }
        synchronized (made) {
            SSLContext shared = made[Math.floorMod(overflow.getAndIncrement(), MAX_CONTEXTS)];
            if (shared != null) {
                return shared;
            }
        }
        return newContext(); // a slot still being made: this connection goes without resumption
    }

    private SSLContext newContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers, null);
        return context;
    }

    /** Gives a borrowed context back; the next {@link #borrow()} takes it first (its session is the freshest). */
    void release(SSLContext context) {
        if (!idle.contains(context)) {
            idle.offerFirst(context);
        }
    }

    /** How many contexts were made so far (for tests). */
    int contexts() {
        return count.get();
    }
}
