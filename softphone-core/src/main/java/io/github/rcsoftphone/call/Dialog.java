package io.github.rcsoftphone.call;

import io.github.rcsoftphone.sip.message.NameAddr;
import io.github.rcsoftphone.sip.message.SipParseException;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipUri;
import java.util.List;

/**
 * The UAS side of a dialog created by an incoming INVITE (RFC 3261 12.1.1): the remote target from the INVITE's
 * Contact, the route set from its Record-Route (in order), the tags, and our own CSeq for requests we send.
 * Immutable but for the CSeq counter; used on the loop only.
 */
final class Dialog {
    private final String callId;
    private final String localUri;
    private final String localTag;
    private final String remote;
    private final SipUri remoteTarget;
    private final List<String> routeSet;
    private long localCseq;

    Dialog(SipRequest invite, String localTag) throws SipParseException {
        this.callId = invite.callId();
        NameAddr to = invite.to();
        this.localUri = "<" + to.uri() + ">";
        this.localTag = localTag;
        this.remote = invite.from().toString();
        List<String> contacts = invite.headers().values("Contact");
        this.remoteTarget = contacts.isEmpty() ? invite.from().uri() : NameAddr.parse(contacts.get(0).trim()).uri();
        this.routeSet = invite.headers().values("Record-Route").stream().map(String::trim).toList();
        this.localCseq = 1 + (invite.cseq().sequence() % 1000);
    }

    String callId() {
        return callId;
    }

    String localTag() {
        return localTag;
    }

    /** A new in-dialog request (BYE, re-INVITE, INFO ...) with {@code via} as its Via. */
    SipRequest.Builder request(String method, String via) {
        SipRequest.Builder b = SipRequest.builder(method, remoteTarget)
                .header("Via", via)
                .header("Max-Forwards", "70");
        for (String route : routeSet) {
            b.header("Route", route);
        }
        return b.header("From", localUri + ";tag=" + localTag)
                .header("To", remote)
                .header("Call-ID", callId)
                .header("CSeq", (localCseq++) + " " + method);
    }
}
