package io.github.rcsoftphone.edge;

import io.github.rcsoftphone.rc.RcMessage;
import io.github.rcsoftphone.rc.RcParseException;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The INVITEs the edge forwarded and has not finished (RFC 3261 16.x): a CANCEL from the caller is answered 200
 * and sent on to the callee with the INVITE's branch; a non-2xx final response is ACKed to the callee by the edge,
 * and the caller's ACK for it is absorbed. Keyed by the edge's branch; entries go with the 2xx, with the caller's
 * ACK of a non-2xx, or with either connection.
 */
final class ProxyInvites {

    /** One forwarded INVITE; {@code finalStatus} 0 while no final response came. */
    private static final class Invite {
        final EdgeConnection caller;
        final EdgeConnection callee;
        final SipRequest forwarded;
        volatile int finalStatus;
        /** What the caller gets instead of the callee's 487 after a phone's command (0: the 487 itself). */
        volatile int callerStatus;
        volatile String callerReason;

        Invite(EdgeConnection caller, EdgeConnection callee, SipRequest forwarded) {
            this.caller = caller;
            this.callee = callee;
            this.forwarded = forwarded;
        }
    }

    private final Map<String, Invite> invites = new ConcurrentHashMap<>();
    private final Map<String, Boolean> ownCancels = new ConcurrentHashMap<>();

    void started(EdgeConnection caller, EdgeConnection callee, SipRequest forwarded) {
        invites.put(forwarded.vias().get(0).branch(), new Invite(caller, callee, forwarded));
    }

    void remove(SipRequest forwarded) {
        invites.remove(forwarded.vias().get(0).branch());
    }

    /**
     * A final response to a forwarded INVITE arrived from the callee: the response to relay to the caller (the same,
     * or the status a phone's command set when it is the 487 of the edge's CANCEL).
     */
    SipResponse finalResponse(EdgeConnection from, String branch, SipResponse r) {
        Invite invite = invites.get(branch);
        if (invite == null) {
            return r; // a retransmitted 2xx: relayed statelessly
        }
        if (r.statusCode() < 300) {
            invites.remove(branch);
            ownCancels.remove(branch);
            return r;
        }
        invite.finalStatus = r.statusCode();
        from.send(hopRequest("ACK", invite.forwarded, r.header("To").orElseThrow()));
        return r.statusCode() == 487 && invite.callerStatus != 0
                ? r.toBuilder().status(invite.callerStatus, invite.callerReason).build() : r;
    }

    /** The caller's CANCEL: 200 to it, CANCEL on to the callee while no final response came. */
    void cancel(EdgeConnection c, SipRequest cancel, Replies replies) {
        String branch = EdgeSide.branch(c, cancel.vias().get(0));
        Invite invite = invites.get(branch);
        if (invite == null) {
            replies.send(c, cancel, 481, "Call/Transaction Does Not Exist");
            return;
        }
        replies.send(c, cancel, 200, "OK");
        if (invite.finalStatus == 0) {
            cancelCallee(branch, invite);
        }
    }

    /**
     * What RingCentral's edge does after a phone's call-control command (forward, voicemail, reject, reply): it ends
     * the ringing there with a CANCEL to the INVITE whose {@code P-rc} has {@code sid}; the caller gets
     * {@code callerStatus} instead of the phone's 487. False when no such INVITE is open.
     */
    boolean cancelSession(String sid, int callerStatus, String callerReason) {
        for (Map.Entry<String, Invite> e : invites.entrySet()) {
            Invite invite = e.getValue();
            if (invite.finalStatus == 0 && sid.equals(sidOf(invite.forwarded))) {
                invite.callerStatus = callerStatus;
                invite.callerReason = callerReason;
                cancelCallee(e.getKey(), invite);
                return true;
            }
        }
        return false;
    }

    private static String sidOf(SipRequest forwarded) {
        try {
            return forwarded.header("P-rc").isEmpty() ? null : RcMessage.parse(forwarded.header("P-rc").get()).sid();
        } catch (RcParseException e) {
            return null;
        }
    }

    private void cancelCallee(String branch, Invite invite) {
        ownCancels.put(branch, Boolean.TRUE);
        invite.callee.send(hopRequest("CANCEL", invite.forwarded, invite.forwarded.header("To").orElseThrow()));
    }

    /** Whether a response to a CANCEL belongs to a CANCEL the edge generated (and is not relayed). */
    boolean isOwnCancel(String branch) {
        return ownCancels.containsKey(branch);
    }

    /** An ACK outside any dialog: the caller's ACK of a non-2xx, absorbed. */
    void absorbAck(EdgeConnection c, SipRequest ack) {
        String branch = EdgeSide.branch(c, ack.vias().get(0));
        Invite invite = invites.get(branch);
        if (invite != null && invite.finalStatus >= 300) {
            invites.remove(branch);
            ownCancels.remove(branch);
        } else {
            EdgeConnection.LOG.debug("{}: dropped an ACK matching no transaction", c);
        }
    }

    void connectionClosed(EdgeConnection c) {
        invites.entrySet().removeIf(e -> {
            boolean gone = e.getValue().caller == c || e.getValue().callee == c;
            if (gone) {
                ownCancels.remove(e.getKey());
            }
            return gone;
        });
    }

    /** A CANCEL or non-2xx ACK for the forwarded INVITE (RFC 3261 9.1, 17.1.1.3): same Via, Request-URI, Route. */
    private static SipRequest hopRequest(String method, SipRequest invite, String to) {
        SipRequest.Builder b = SipRequest.builder(method, invite.uri())
                .header("Via", invite.vias().get(0).toString());
        for (String route : invite.headers().values("Route")) {
            b.header("Route", route);
        }
        return b.header("Max-Forwards", "70")
                .header("From", invite.header("From").orElseThrow())
                .header("To", to)
                .header("Call-ID", invite.callId())
                .header("CSeq", invite.cseq().sequence() + " " + method)
                .build();
    }
}
