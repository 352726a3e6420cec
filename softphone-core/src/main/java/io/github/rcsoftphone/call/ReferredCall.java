package io.github.rcsoftphone.call;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.Call.CallEndReason;
import io.github.rcsoftphone.Call.CallState;
import io.github.rcsoftphone.CallOptions;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.sip.message.Header;
import io.github.rcsoftphone.sip.message.NameAddr;
import io.github.rcsoftphone.sip.message.SipParseException;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.message.SipUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transferee's side of a transfer (RFC 3515): a REFER in one of our calls is accepted (202), a new outbound call
 * goes to its {@code Refer-To} (with {@code Referred-By}, and {@code Replaces} when the Refer-To carries one: an
 * attended transfer), and NOTIFYs with {@code message/sipfrag} progress (100, 180, then the final status) go to the
 * referrer in the old dialog. Once the new call is answered the old one gets our BYE and ends {@code TRANSFERRED};
 * if the new call fails the old one stays. Loop only.
 */
final class ReferredCall {
    private static final Logger LOG = LoggerFactory.getLogger(ReferredCall.class);

    private final CallBase old;
    private final OutboundCall next;
    private final String target;

    private ReferredCall(CallBase old, OutboundCall next, String target) {
        this.old = old;
        this.next = next;
        this.target = target;
    }

    /**
     * Handles a REFER in {@code old}'s dialog: 202 and a new call placed by {@code manager} (handed to
     * its transferred-call handler at once), or an error response when the call cannot be transferred or the REFER is unusable.
     */
    static void accept(CallBase old, SipRequest refer, CallManager manager) {
        if (old.state != CallState.CONNECTED || old.dialog == null) {
            reply(old, refer, 403, "Forbidden");
            return;
        }
        SipUri referTo;
        try {
            referTo = NameAddr.parse(refer.header("Refer-To").or(() -> refer.header("r")).orElseThrow(
                    () -> new SipParseException("REFER without Refer-To", 0, -1)).strip()).uri();
        } catch (SipParseException | IllegalArgumentException e) {
            reply(old, refer, 400, "Bad Refer-To");
            return;
        }
        if (!referTo.scheme().equalsIgnoreCase("sip") && !referTo.scheme().equalsIgnoreCase("sips")) {
            reply(old, refer, 416, "Unsupported URI Scheme");
            return;
        }
        SipUri uri = new SipUri(referTo.scheme(), referTo.user(), null, referTo.host(), referTo.port(),
                referTo.params(), null);
        List<Header> headers = new ArrayList<>();
        String referredBy = refer.header("Referred-By").or(() -> refer.header("b"))
                .orElse("<" + refer.from().uri() + ">");
        headers.add(new Header("Referred-By", referredBy));
        String replaces = uriHeader(referTo.headers(), Transfers.REPLACES);
        if (replaces != null) {
            headers.add(new Header(Transfers.REPLACES, Transfers.unescape(replaces)));
        }
        OutboundCall next;
        try {
            next = (OutboundCall) manager.outbound(uri.toString(), CallOptions.defaults());
        } catch (IllegalArgumentException e) {
            reply(old, refer, 400, "Bad Refer-To");
            return;
        }
        reply(old, refer, 202, "Accepted");
        String target = uri.user() == null ? uri.toString() : uri.user();
        ReferredCall r = new ReferredCall(old, next, target);
        LOG.info("call {}: transferred by the far end to {} (new call {}{})", old.id(), uri, next.id(),
                replaces == null ? "" : ", replacing a dialog");
        next.forTransfer(headers, () -> r.notifyStatus(new Transfers.Status(180, "Ringing"), false));
        r.notifyStatus(new Transfers.Status(100, "Trying"), false);
        manager.place(next, old.channel);
        manager.handOver(next);
        next.answered().whenComplete((v, e) -> old.ctx.loop().execute(() -> {
            if (e == null) {
                r.answered();
            }
        }));
        next.ended().whenComplete((end, e) -> old.ctx.loop().execute(() -> {
            if (next.answered().isCompletedExceptionally()) {
                r.failed(end);
            }
        }));
    }

    private static String uriHeader(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    private static void reply(CallBase old, SipRequest refer, int code, String reason) {
        old.channel.respond(SipResponse.forRequest(refer, code, reason, null).build());
    }

    private void answered() {
        notifyStatus(new Transfers.Status(200, "OK"), true);
        old.ctx.events().accept(new SoftphoneEvent.Transferred(old.id(), target));
        if (old.state != CallState.ENDED) {
            old.sendBye();
            old.end(CallEndReason.TRANSFERRED, "transferred to " + target + " (call " + next.id() + ")");
        }
    }

    private void failed(Call.CallEnd end) {
        int code = next.failureStatus();
        String detail = end == null ? "" : end.detail();
        String reason = detail.startsWith(code + " ") ? detail.substring(4) : "Failed";
        if (code == 0) {
            CallEndReason why = end == null ? CallEndReason.FAILED : end.reason();
            code = why == CallEndReason.NO_ANSWER ? 408 : why == CallEndReason.CANCELLED ? 487 : 503;
            reason = code == 408 ? "Request Timeout" : code == 487 ? "Request Terminated" : "Service Unavailable";
        }
        LOG.info("call {}: the transfer to {} failed: {}", old.id(), target, detail);
        notifyStatus(new Transfers.Status(code, reason), true);
    }

    /** A NOTIFY with {@code status} in the old dialog, while it lasts. */
    private void notifyStatus(Transfers.Status status, boolean last) {
        if (old.state == CallState.ENDED || old.dialog == null) {
            return;
        }
        var identity = old.ctx.identity();
        SipRequest notify = old.dialog.request("NOTIFY", identity.via())
                .header("Contact", identity.contact())
                .header("Event", "refer")
                .header("Subscription-State", last ? "terminated;reason=noresource" : "active;expires=60")
                .body("message/sipfrag;version=2.0", status.sipfrag())
                .build();
        old.channel.request(notify, Referral.REFER_TIMEOUT).whenComplete((r, e) -> {
            if (e != null || r.statusCode() >= 300) {
                LOG.debug("NOTIFY {} for {} not accepted: {}", status.code(), old.id(),
                        e != null ? e.getMessage() : r.statusCode());
            }
        });
    }
}
