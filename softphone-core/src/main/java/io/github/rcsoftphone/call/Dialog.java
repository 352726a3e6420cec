package io.github.rcsoftphone.call;

import io.github.rcsoftphone.sip.message.NameAddr;
import io.github.rcsoftphone.sip.message.SipParseException;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.message.SipUri;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A dialog (RFC 3261 12): the UAS side made by an incoming INVITE (12.1.1: remote target from the INVITE's Contact,
 * route set from its Record-Route in order) or the UAC side made by a 2xx to our INVITE (12.1.2: remote target from
 * the response's Contact, route set from its Record-Route reversed, remote tag from its To). Keeps our CSeq for the
 * requests we send. Immutable but for the CSeq counter; used on the loop only.
 */
final class Dialog {
    private final String callId;
    private final String local;
    private final String remote;
    private final SipUri remoteTarget;
    private final List<String> routeSet;
    private long localCseq;

    private Dialog(String callId, String local, String remote, SipUri remoteTarget, List<String> routeSet,
            long localCseq) {
        this.callId = callId;
        this.local = local;
        this.remote = remote;
        this.remoteTarget = remoteTarget;
        this.routeSet = List.copyOf(routeSet);
        this.localCseq = localCseq;
    }

    /** The UAS side: we answer {@code invite} with {@code localTag}. */
    Dialog(SipRequest invite, String localTag) throws SipParseException {
        this(invite.callId(), "<" + invite.to().uri() + ">;tag=" + localTag, invite.from().toString(),
                target(invite.headers().values("Contact"), invite.from().uri()),
                invite.headers().values("Record-Route").stream().map(String::trim).toList(),
                1 + (invite.cseq().sequence() % 1000));
    }

    /** The UAC side: {@code ok} is the 2xx to our {@code invite}. */
    static Dialog uac(SipRequest invite, SipResponse ok) throws SipParseException {
        List<String> routes = new ArrayList<>(ok.headers().values("Record-Route").stream().map(String::trim).toList());
        Collections.reverse(routes);
        return new Dialog(invite.callId(), invite.header("From").orElseThrow(), ok.header("To").orElseThrow(),
                target(ok.headers().values("Contact"), invite.uri()), routes, invite.cseq().sequence() + 1);
    }

    private static SipUri target(List<String> contacts, SipUri fallback) throws SipParseException {
        return contacts.isEmpty() ? fallback : NameAddr.parse(contacts.get(0).trim()).uri();
    }

    String callId() {
        return callId;
    }

    /** Our tag (From of the requests we send), or null. */
    String localTag() {
        return NameAddr.of(local).tag();
    }

    /** The far end's tag, or null. */
    String remoteTag() {
        return NameAddr.of(remote).tag();
    }

    /** The far end's address of record (the To of our requests), e.g. {@code sip:16505550101@sip.test}. */
    SipUri remoteUri() {
        return NameAddr.of(remote).uri();
    }

    /** A new in-dialog request (BYE, re-INVITE, INFO ...) with {@code via} as its Via. */
    SipRequest.Builder request(String method, String via) {
        return request(method, via, localCseq++);
    }

    /** The ACK of a 2xx to the INVITE with CSeq {@code inviteCseq}: a new transaction through the route set. */
    SipRequest ack(long inviteCseq, String via) {
        return request("ACK", via, inviteCseq).build();
    }

    private SipRequest.Builder request(String method, String via, long cseq) {
        SipRequest.Builder b = SipRequest.builder(method, remoteTarget)
                .header("Via", via)
                .header("Max-Forwards", "70");
        for (String route : routeSet) {
            b.header("Route", route);
        }
        return b.header("From", local)
                .header("To", remote)
                .header("Call-ID", callId)
                .header("CSeq", cseq + " " + method);
    }
}
