package io.github.rcsoftphone.media.secure;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A full ICE agent (RFC 8445) for one component over one local socket, so a candidate pair is just a remote address.
 * Sans-I/O: the owner feeds it STUN messages and clock ticks and it calls {@link Host}. Regular nomination when
 * controlling; the first valid pair is reported before nomination; triggered checks, peer-reflexive remotes and
 * role-conflict repair (487) both ways; consent freshness (RFC 7675) on the pair in use. All methods are
 * synchronized; {@link Host} callbacks run under the lock.
 */
final class IceAgent {
    /** The agent's side effects. */
    interface Host {
        void send(byte[] datagram, InetSocketAddress to);

        /**
         * The first pair whose check succeeded, before any is selected: data MAY flow on it (RFC 8445 12.1), so the
         * DTLS handshake need not wait for the controlling agent's nomination.
         */
        void valid(InetSocketAddress remote);

        void selected(InetSocketAddress remote);
    }

    private enum PairState { WAITING, IN_PROGRESS, SUCCEEDED, FAILED }

    private static final class Pair {
        final InetSocketAddress remote;
        final long remotePriority;
        PairState state = PairState.WAITING;
        byte[] request;
        long lastSentNanos;
        int sends;
        boolean nominating;
        boolean nominatedByPeer;

        Pair(InetSocketAddress remote, long remotePriority) {
            this.remote = remote;
            this.remotePriority = remotePriority;
        }
    }

    private record Transaction(Pair pair, boolean nominating, boolean consent) {}

    private static final long MAX_RTO_NANOS = 1_000_000_000L;
    private static final long FIRST_RTO_NANOS = 100_000_000L;

    private final IceParameters local;
    private final long tieBreaker;
    private final long prflxPriority;
    private final Host host;
    private final SecureRandom random;
    private final Map<InetSocketAddress, Pair> pairs = new LinkedHashMap<>();
    private final Map<String, Transaction> transactions = new HashMap<>();
    private boolean controlling;
    private IceParameters remote;
    private InetSocketAddress selected;
    private InetSocketAddress firstValid;
    private long lastConsentNanos;
    private int integrityFailures;

    IceAgent(IceParameters local, boolean controlling, long prflxPriority, Host host, SecureRandom random) {
        this.local = local;
        this.controlling = controlling;
        this.tieBreaker = random.nextLong();
        this.prflxPriority = prflxPriority;
        this.host = host;
        this.random = random;
    }

    /** Starts checks toward the remote candidates (already-known peer-reflexive remotes are kept). */
    synchronized void start(IceParameters remoteIce, List<IceCandidate> candidates, List<InetSocketAddress> addresses) {
        this.remote = remoteIce;
        for (int i = 0; i < addresses.size(); i++) {
            pairs.putIfAbsent(addresses.get(i), new Pair(addresses.get(i), candidates.get(i).priority()));
        }
    }

    synchronized boolean controlling() {
        return controlling;
    }

    synchronized InetSocketAddress selected() {
        return selected;
    }

    synchronized String describe() {
        return pairs.size() + " candidate pair(s) " + pairs.values().stream().map(p -> p.remote + "=" + p.state).toList()
                + ", " + integrityFailures + " STUN message(s) failed MESSAGE-INTEGRITY"
                + (remote == null ? ", remote ICE parameters not set" : "");
    }

    /** Paced connectivity checks (call every Ta = 20 ms until a pair is selected). */
    synchronized void checkTick(long now) {
        if (selected != null || remote == null) {
            return;
        }
        List<Pair> ordered = new ArrayList<>(pairs.values());
        ordered.sort(Comparator.comparingLong((Pair p) -> p.remotePriority).reversed());
        if (controlling) {
            for (Pair p : ordered) {
                if (p.state == PairState.SUCCEEDED && !p.nominating) {
                    p.nominating = true;
                    sendCheck(p, now);
                    return;
                }
            }
        }
        for (Pair p : ordered) {
            if (p.state == PairState.WAITING) {
                sendCheck(p, now);
                return;
            }
        }
        for (Pair p : ordered) {
            if (p.state == PairState.IN_PROGRESS && now - p.lastSentNanos >= rto(p.sends)) {
                retransmit(p, now);
                return;
            }
        }
    }

    /**
     * Consent freshness (RFC 7675) on the pair media uses: the selected one, or before the peer nominates, the first
     * valid one (call every consent interval once media flows).
     *
     * @return nanoseconds since the last consent answer (0 while no pair is usable)
     */
    synchronized long consentTick(long now) {
        InetSocketAddress to = selected != null ? selected : firstValid;
        if (to == null) {
            return 0;
        }
        if (lastConsentNanos == 0) {
            lastConsentNanos = now;
        }
        transactions.values().removeIf(Transaction::consent);
        byte[] id = newTransactionId();
        transactions.put(key(id), new Transaction(pairs.get(to), false, true));
        host.send(request(id, false), to);
        return now - lastConsentNanos;
    }

    /** Handles one STUN message from {@code from}. */
    synchronized void onStun(StunMessage m, InetSocketAddress from, long now) {
        switch (m.type()) {
            case StunMessage.BINDING_REQUEST -> onRequest(m, from, now);
            case StunMessage.BINDING_SUCCESS, StunMessage.BINDING_ERROR -> onResponse(m, from, now);
            default -> { }
        }
    }

    private void onRequest(StunMessage m, InetSocketAddress from, long now) {
        String username = m.username();
        byte[] localKey = local.pwd().getBytes(StandardCharsets.UTF_8);
        if (m.has(StunMessage.FINGERPRINT) && !m.checkFingerprint()) {
            return;
        }
        if (username == null || !username.startsWith(local.ufrag() + ":") || !m.checkIntegrity(localKey)) {
            integrityFailures++;
            host.send(new StunMessage.Builder(StunMessage.BINDING_ERROR, m.transactionId())
                    .errorCode(401, "Unauthorized").build(null, true), from);
            return;
        }
        Long theirControlling = m.longAttribute(StunMessage.ICE_CONTROLLING);
        Long theirControlled = m.longAttribute(StunMessage.ICE_CONTROLLED);
        if (controlling && theirControlling != null) {
            if (Long.compareUnsigned(tieBreaker, theirControlling) >= 0) {
                sendRoleConflict(m, from, localKey);
                return;
            }
            controlling = false;
        } else if (!controlling && theirControlled != null) {
            if (Long.compareUnsigned(tieBreaker, theirControlled) >= 0) {
                controlling = true;
            } else {
                sendRoleConflict(m, from, localKey);
                return;
            }
        }
        host.send(new StunMessage.Builder(StunMessage.BINDING_SUCCESS, m.transactionId())
                .xorMappedAddress(from).build(localKey, true), from);
        Pair p = pairs.get(from);
        if (p == null) {
            byte[] prio = m.attribute(StunMessage.PRIORITY);
            long remotePriority = prio != null && prio.length == 4 ? StunMessage.readInt(prio, 0) & 0xffffffffL : 0;
            p = new Pair(from, remotePriority);
            pairs.put(from, p);
        }
        if (!controlling && m.has(StunMessage.USE_CANDIDATE)) {
            p.nominatedByPeer = true;
            if (p.state == PairState.SUCCEEDED) {
                select(p, now);
                return;
            }
        }
        if (remote != null && selected == null && p.state != PairState.SUCCEEDED) {
            // a triggered check (RFC 8445 7.3.1.4), also when ours is in progress: the peer is evidently ready
            // now, while our check may have reached it before it was (a media relay that gets our answer from
            // the SIP proxy after our first check) and would otherwise wait for its retransmission timer
            sendCheck(p, now);
        }
    }

    private void sendRoleConflict(StunMessage m, InetSocketAddress from, byte[] localKey) {
        host.send(new StunMessage.Builder(StunMessage.BINDING_ERROR, m.transactionId())
                .errorCode(487, "Role Conflict").build(localKey, true), from);
    }

    private void onResponse(StunMessage m, InetSocketAddress from, long now) {
        Transaction t = transactions.get(key(m.transactionId()));
        if (t == null || remote == null || !from.equals(t.pair().remote)) {
            return;
        }
        if (!m.checkIntegrity(remote.pwd().getBytes(StandardCharsets.UTF_8))) {
            integrityFailures++;
            return;
        }
        transactions.remove(key(m.transactionId()));
        if (t.consent()) {
            if (m.type() == StunMessage.BINDING_SUCCESS) {
                lastConsentNanos = now;
            }
            return;
        }
        Pair p = t.pair();
        if (m.type() == StunMessage.BINDING_ERROR) {
            if (m.errorCode() == 487) {
                controlling = !controlling;
                p.state = PairState.WAITING;
                p.nominating = false;
            } else {
                p.state = PairState.FAILED;
            }
            return;
        }
        p.state = PairState.SUCCEEDED;
        if (selected != null) {
            return;
        }
        if (firstValid == null) {
            firstValid = p.remote;
            lastConsentNanos = now;
            host.valid(p.remote);
        }
        if (controlling && t.nominating()) {
            select(p, now);
        } else if (!controlling && p.nominatedByPeer) {
            select(p, now);
        }
    }

    private void select(Pair p, long now) {
        if (selected == null) {
            selected = p.remote;
            lastConsentNanos = now;
            host.selected(p.remote);
        }
    }

    private void sendCheck(Pair p, long now) {
        byte[] id = newTransactionId();
        transactions.put(key(id), new Transaction(p, p.nominating, false));
        p.request = request(id, p.nominating);
        p.state = PairState.IN_PROGRESS;
        p.sends = 1;
        p.lastSentNanos = now;
        host.send(p.request, p.remote);
    }

    private void retransmit(Pair p, long now) {
        p.sends++;
        p.lastSentNanos = now;
        host.send(p.request, p.remote);
    }

    private byte[] request(byte[] id, boolean useCandidate) {
        StunMessage.Builder b = new StunMessage.Builder(StunMessage.BINDING_REQUEST, id)
                .username(remote.ufrag() + ":" + local.ufrag())
                .addInt(StunMessage.PRIORITY, (int) prflxPriority)
                .addLong(controlling ? StunMessage.ICE_CONTROLLING : StunMessage.ICE_CONTROLLED, tieBreaker);
        if (useCandidate) {
            b.add(StunMessage.USE_CANDIDATE, new byte[0]);
        }
        return b.build(remote.pwd().getBytes(StandardCharsets.UTF_8), true);
    }

    private byte[] newTransactionId() {
        byte[] id = new byte[12];
        random.nextBytes(id);
        return id;
    }

    private static String key(byte[] id) {
        return HexFormat.of().formatHex(id);
    }

    private static long rto(int sends) {
        return Math.min(MAX_RTO_NANOS, FIRST_RTO_NANOS << Math.min(4, sends - 1));
    }
}
