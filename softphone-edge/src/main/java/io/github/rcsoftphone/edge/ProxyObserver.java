package io.github.rcsoftphone.edge;

import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;

/**
 * Sees what the edge proxies between phones, with {@link System#nanoTime()} timestamps, e.g. to time an answering
 * phone's INVITE to 200 OK as the network sees it (the edge's write of the INVITE until its read of the 200). Called
 * on the edge's connection reader threads: return quickly and do not throw. Requests and responses the edge answers
 * itself (REGISTER, the 407 challenge, 100 Trying) are not shown.
 */
public interface ProxyObserver {
    /** Sees nothing. */
    ProxyObserver NONE = new ProxyObserver() { };

    /**
     * A request is about to be written towards its target (the callee for an initial INVITE).
     *
     * @param request the request as forwarded (the edge's Via on top)
     * @param nanoTime {@link System#nanoTime()} just before it is encoded and written
     */
    default void forwarded(SipRequest request, long nanoTime) {
    }

    /**
     * A response to a request the edge forwarded was read, before it is relayed.
     *
     * @param response the response as received (the edge's Via on top)
     * @param nanoTime {@link System#nanoTime()} when its last byte was read, before parsing
     */
    default void received(SipResponse response, long nanoTime) {
    }
}
