package io.github.rcsoftphone.bench;

import io.github.rcsoftphone.edge.ProxyObserver;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answering phone's side of S4 as the network sees it, recorded by the edge in the driver process: for each
 * Call-ID, when the edge started writing the initial INVITE towards the answering phone and when it had read that
 * phone's 2xx back. Times are {@link System#nanoTime()}, which on Linux is {@code CLOCK_MONOTONIC}, one clock for
 * every process of the machine, so they compare with times taken in the process under test. Thread-safe.
 */
final class EdgeTimings implements ProxyObserver {
    private final Map<String, Long> invites = new ConcurrentHashMap<>();
    private final Map<String, Long> oks = new ConcurrentHashMap<>();

    @Override
    public void forwarded(SipRequest request, long nanoTime) {
        if (request.isMethod("INVITE") && request.to().tag() == null) {
            invites.putIfAbsent(request.callId(), nanoTime);
        }
    }

    @Override
    public void received(SipResponse response, long nanoTime) {
        int code = response.statusCode();
        if (code >= 200 && code < 300 && response.cseq().method().equals("INVITE")) {
            oks.putIfAbsent(response.callId(), nanoTime);
        }
    }

    /** When the call's initial INVITE was written towards the answerer, or null. */
    Long invite(String callId) {
        return invites.get(callId);
    }

    /** The answerer's INVITE -> 2xx in ms as seen at the edge, or NaN when either is missing. */
    double inviteToOkMillis(String callId) {
        Long sent = invites.get(callId);
        Long ok = oks.get(callId);
        return sent == null || ok == null ? Double.NaN : (ok - sent) / 1e6;
    }

    /** Forgets every call (after a report). */
    void clear() {
        invites.clear();
        oks.clear();
    }
}
