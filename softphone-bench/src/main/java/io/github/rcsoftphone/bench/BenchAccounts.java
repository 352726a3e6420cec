package io.github.rcsoftphone.bench;

import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.edge.LocalEdge;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.util.ArrayList;
import java.util.List;

/** Deterministic accounts, so that the edge process and the softphone process agree without exchanging secrets. */
final class BenchAccounts {
    private BenchAccounts() {
    }

    static LocalEdge.Account account(int i) {
        return new LocalEdge.Account(Long.toString(802_300_000_000L + i), Long.toString(16_505_500_000L + i),
                "bench-" + Integer.toHexString(i * 7919 + 13));
    }

    static List<LocalEdge.Account> first(int n) {
        List<LocalEdge.Account> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(account(i));
        }
        return out;
    }

    /** SIP info for account {@code i} at the edge's WSS port on loopback. */
    static SipInfo wss(int i, int wssPort) {
        LocalEdge.Account a = account(i);
        return new SipInfo(LocalEdge.DEFAULT_DOMAIN, "127.0.0.1:" + wssPort, a.username(), a.password(),
                a.authorizationId(), TransportKind.WSS);
    }
}
