package io.github.rcsoftphone.call;

import io.github.rcsoftphone.Call.CallEndReason;
import io.github.rcsoftphone.Call.CallState;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.TransferFailedException;
import io.github.rcsoftphone.sched.Scheduler.Cancellable;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A transfer we asked for (RFC 3515, the transferor's side): our REFER in a call's dialog, then the far end's NOTIFYs
 * ({@code Event: refer}, {@code message/sipfrag}) of its call to the target, each answered 200. A 2xx sipfrag
 * completes the transfer (event, BYE, our call ends {@code TRANSFERRED}); a rejected REFER, a sipfrag of 300 or more,
 * a subscription terminated without a final status, or no outcome in time fail it and leave the call up. Loop only.
 */
final class Referral {
    private static final Logger LOG = LoggerFactory.getLogger(Referral.class);
    /** How long the far end may take to answer the REFER (Timer F). */
    static final Duration REFER_TIMEOUT = CallBase.T1.multipliedBy(64);
    /** How long the far end's call to the target may take to reach a final status. */
    static final Duration OUTCOME_TIMEOUT = Duration.ofSeconds(120);

    private final CallBase call;
    private final String target;
    private final CompletableFuture<Void> result;
    private Cancellable timer = Cancellable.NONE;

    private Referral(CallBase call, String target, CompletableFuture<Void> result) {
        this.call = call;
        this.target = target;
        this.result = result;
    }

    /**
     * Sends a REFER with {@code referTo} in {@code call}'s dialog; {@code target} is what events report. Fails
     * {@code result} at once when the call is not connected or another transfer of it is under way.
     */
    static void start(CallBase call, String target, String referTo, CompletableFuture<Void> result) {
        if (call.state != CallState.CONNECTED || call.dialog == null) {
            result.completeExceptionally(new IllegalStateException("call " + call.id() + " is " + call.state
                    + ": only a connected call can be transferred"));
            return;
        }
        if (call.referral != null && !call.referral.result.isDone()) {
            result.completeExceptionally(new IllegalStateException("call " + call.id()
                    + " is already being transferred to " + call.referral.target));
            return;
        }
        Referral r = new Referral(call, target, result);
        call.referral = r;
        r.send(referTo);
    }

    private void send(String referTo) {
        var identity = call.ctx.identity();
        SipRequest refer = call.dialog.request("REFER", identity.via())
                .header("Contact", identity.contact())
                .header("Refer-To", "<" + referTo + ">")
                .header("Referred-By", "<" + identity.addressOfRecord() + ">")
                .build();
        LOG.info("call {}: transferring to {}", call.id(), referTo);
        timer = call.ctx.loop().schedule(OUTCOME_TIMEOUT, () -> fail(0, "no final transfer status within "
                + OUTCOME_TIMEOUT.toSeconds() + " s"));
        call.channel.request(refer, REFER_TIMEOUT).whenComplete((r, e) -> call.ctx.loop().execute(() -> {
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                fail(0, "REFER unanswered: " + cause.getMessage());
            } else if (r.statusCode() >= 300) {
                fail(r.statusCode(), "REFER rejected: " + r.statusCode() + " " + r.reasonPhrase());
            }
        }));
    }

    /** Whether this NOTIFY reports on a transfer of ours ({@code Event: refer}). */
    static boolean isReferNotify(SipRequest notify) {
        String event = notify.header("Event").or(() -> notify.header("o")).orElse("");
        return event.strip().toLowerCase(java.util.Locale.ROOT).startsWith("refer");
    }

    /** A NOTIFY of the far end's call to the target: 200, then progress, success or failure. */
    void onNotify(SipRequest notify) {
        call.channel.respond(SipResponse.forRequest(notify, 200, "OK", null).build());
        if (result.isDone()) {
            return;
        }
        Optional<Transfers.Status> status = Transfers.Status.ofSipfrag(notify.body());
        if (status.isEmpty()) {
            LOG.debug("call {}: NOTIFY without a sipfrag status line", call.id());
        } else {
            int code = status.get().code();
            call.ctx.events().accept(new SoftphoneEvent.TransferProgress(call.id(), code, status.get().reason()));
            if (code >= 200 && code < 300) {
                succeeded();
                return;
            }
            if (code >= 300) {
                fail(code, "the transfer target's call failed: " + code + " " + status.get().reason());
                return;
            }
        }
        String state = notify.header("Subscription-State").orElse("");
        if (state.strip().toLowerCase(java.util.Locale.ROOT).startsWith("terminated")) {
            fail(0, "the transfer subscription ended without a final status (" + state.strip() + ")");
        }
    }

    private void succeeded() {
        timer.cancel();
        result.complete(null);
        call.ctx.events().accept(new SoftphoneEvent.Transferred(call.id(), target));
        call.sendBye();
        call.end(CallEndReason.TRANSFERRED, "transferred to " + target);
    }

    private void fail(int code, String detail) {
        timer.cancel();
        if (!result.isDone()) {
            LOG.info("call {}: transfer to {} failed: {}", call.id(), target, detail);
            result.completeExceptionally(new TransferFailedException(code, detail));
        }
    }

    /** The call ended before the transfer's outcome. */
    void callEnded(CallEndReason reason) {
        fail(0, "the call ended (" + reason + ") before the transfer completed");
    }
}
