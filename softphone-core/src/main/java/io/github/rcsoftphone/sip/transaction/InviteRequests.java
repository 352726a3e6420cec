package io.github.rcsoftphone.sip.transaction;

import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;

/**
 * The requests an INVITE client transaction derives from its INVITE (RFC 3261 9.1 and 17.1.1.3): the CANCEL and the
 * ACK of a non-2xx final response. Both keep the INVITE's Request-URI, top Via (so its branch), From, Call-ID, CSeq
 * number and Route headers. Pure functions.
 */
public final class InviteRequests {
    private InviteRequests() {
    }

    /** A CANCEL for {@code invite}: same transaction identity, To without a tag, method CANCEL. */
    public static SipRequest cancel(SipRequest invite) {
        return derived(invite, "CANCEL", invite.header("To").orElseThrow()).build();
    }

    /** The hop-by-hop ACK of a non-2xx final {@code response} to {@code invite}: To from the response. */
    public static SipRequest ackNon2xx(SipRequest invite, SipResponse response) {
        return derived(invite, "ACK", response.header("To").orElseThrow()).build();
    }

    private static SipRequest.Builder derived(SipRequest invite, String method, String to) {
        SipRequest.Builder b = SipRequest.builder(method, invite.uri())
                .header("Via", invite.headers().values("Via").get(0).trim())
                .header("Max-Forwards", "70");
        for (String route : invite.headers().all("Route")) {
            b.header("Route", route);
        }
        return b.header("From", invite.header("From").orElseThrow())
                .header("To", to)
                .header("Call-ID", invite.callId())
                .header("CSeq", invite.cseq().sequence() + " " + method);
    }
}
