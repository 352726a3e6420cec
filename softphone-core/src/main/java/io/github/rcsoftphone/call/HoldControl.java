package io.github.rcsoftphone.call;

import io.github.rcsoftphone.Call.CallEndReason;
import io.github.rcsoftphone.Call.CallState;
import io.github.rcsoftphone.CallControlException;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.sdp.Direction;
import io.github.rcsoftphone.sdp.IceCredentials;
import io.github.rcsoftphone.sdp.SdpParseException;
import io.github.rcsoftphone.sdp.SessionDescription;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The established call's re-INVITEs both ways (RFC 3264 8, RFC 4028): ours for hold, unhold and session refresh,
 * one at a time (a 2xx is ACKed, a 491 retried after RFC 3261 14.1's random delay, anything else fails the request
 * and leaves the call as it was); the far end's re-offers answered with our SDP (same transport, the direction
 * mirrored, the version bumped only when it changes), far-end hold recognised. Keeps the media's direction and the
 * session timer in step. Loop only.
 */
final class HoldControl {
    private static final Logger LOG = LoggerFactory.getLogger(HoldControl.class);
    private static final Duration REINVITE_TIMEOUT = CallBase.T1.multipliedBy(64);

    /** What a re-INVITE of ours is for. */
    enum Purpose { HOLD, UNHOLD, REFRESH }

    private record Pending(Purpose purpose, CompletableFuture<Void> done) {
    }

    private final CallBase call;
    private final SessionTimer timer;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private SessionDescription local;
    private String remoteUfrag;
    private Pending inFlight;
    private volatile boolean heldByUs;
    private volatile boolean heldByFarEnd;

    HoldControl(CallBase call) {
        this.call = call;
        this.timer = new SessionTimer(call.ctx.loop(), () -> request(Purpose.REFRESH), this::expired);
    }

    boolean heldByUs() {
        return heldByUs;
    }

    boolean heldByFarEnd() {
        return heldByFarEnd;
    }

    /** The far end's SDP of the first exchange (offer or answer): its ICE credentials, to notice a restart. */
    void remote(SessionDescription sdp) {
        remoteUfrag = sdp.audio().flatMap(sdp::ice).map(IceCredentials::ufrag).orElse(null);
    }

    /** Starts the session timer from a 2xx or a request of the first exchange ({@code null}: none). */
    void sessionTimer(SessionTimer.Negotiated n) {
        timer.start(n);
    }

    /** The call ended: pending requests fail, the timer stops. */
    void released() {
        timer.stop();
        CallControlException ended = new CallControlException(0, "call " + call.id() + " ended");
        if (inFlight != null) {
            inFlight.done().completeExceptionally(ended);
            inFlight = null;
        }
        queue.forEach(p -> p.done().completeExceptionally(ended));
        queue.clear();
    }

    // ---- our re-INVITEs

    /** Queues a re-INVITE of ours; the future completes when its 2xx is ACKed. Loop only. */
    CompletableFuture<Void> request(Purpose purpose) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (call.state != CallState.CONNECTED || call.dialog == null || ourSdp() == null) {
            done.completeExceptionally(new CallControlException(0, "call " + call.id() + " is not connected ("
                    + call.state + ")"));
            return done;
        }
        queue.add(new Pending(purpose, done));
        sendNext();
        return done;
    }

    private void sendNext() {
        while (inFlight == null && !queue.isEmpty()) {
            Pending p = queue.poll();
            if (p.purpose() == Purpose.HOLD && heldByUs || p.purpose() == Purpose.UNHOLD && !heldByUs) {
                p.done().complete(null);   // already so
                continue;
            }
            send(p);
        }
    }

    private void send(Pending p) {
        inFlight = p;
        boolean hold = p.purpose() == Purpose.HOLD || p.purpose() == Purpose.REFRESH && heldByUs;
        SessionDescription offer = HoldSdp.withDirection(ourSdp(), hold ? Direction.SENDONLY : Direction.SENDRECV);
        SipRequest.Builder b = call.dialog.request("INVITE", call.ctx.identity().via())
                .header("Contact", call.ctx.identity().contact())
                .header("Allow", CallBase.ALLOW)
                .header("Supported", "timer");
        SessionTimer.Negotiated t = timer.current();
        if (t != null) {
            b.header("Session-Expires", t.seconds() + ";refresher=" + (t.weRefresh() ? "uac" : "uas"))
                    .header("Min-SE", Integer.toString(SessionTimer.MIN_SE));
        }
        SipRequest reInvite = b.body("application/sdp", offer.toString().getBytes(StandardCharsets.UTF_8)).build();
        InviteResponses others = new InviteResponses(call.channel, r -> { });
        call.channel.request(reInvite, REINVITE_TIMEOUT, others)
                .whenComplete((r, e) -> call.ctx.loop().execute(() -> answered(p, reInvite, others, offer, r, e)));
    }

    private void answered(Pending p, SipRequest reInvite, InviteResponses others, SessionDescription offer,
            SipResponse r, Throwable e) {
        if (e == null && r.statusCode() < 300) {   // a 2xx is ACKed even when the call ended meanwhile
            SipRequest ack = call.dialog.ack(reInvite.cseq().sequence(), call.ctx.identity().via());
            others.acked(ack);   // a retransmitted 2xx gets it again
            call.channel.sendStateless(ack);
        }
        if (inFlight != p) {
            return;   // the call ended meanwhile
        }
        inFlight = null;
        if (e != null) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            failed(p, 0, "no final response to the re-INVITE: " + cause.getMessage());
        } else if (r.statusCode() < 300) {
            accepted(p, offer, r);
        } else if (r.statusCode() == 491) {
            // RFC 3261 14.1: 2.1-4 s when we own the Call-ID (we placed the call), else 0-2 s, in 10 ms units
            boolean ours = call.direction() == io.github.rcsoftphone.Call.Direction.OUTBOUND;
            long delayMs = 10L * (ours ? ThreadLocalRandom.current().nextInt(210, 401)
                    : ThreadLocalRandom.current().nextInt(0, 201));
            LOG.debug("call {}: 491 to our re-INVITE, retrying in {} ms", call.id(), delayMs);
            inFlight = p;   // nothing else goes out meanwhile
            call.ctx.loop().schedule(Duration.ofMillis(delayMs), () -> {
                if (inFlight == p && call.state == CallState.CONNECTED) {
                    send(p);
                }
            });
            return;
        } else {
            failed(p, r.statusCode(), r.statusCode() + " " + r.reasonPhrase());
        }
        sendNext();
    }

    private void accepted(Pending p, SessionDescription offer, SipResponse ok) {
        local = offer;
        Direction agreed = Direction.SENDRECV;
        if (ok.bodyLength() > 0) {
            try {
                SessionDescription answer = SessionDescription.parse(ok.bodyText());
                agreed = HoldSdp.both(HoldSdp.offered(answer).reverse(), direction(offer));
            } catch (SdpParseException | RuntimeException bad) {
                LOG.warn("call {}: unreadable SDP in the 200 to our re-INVITE: {}", call.id(), bad.getMessage());
                agreed = direction(offer);
            }
        } else {
            agreed = direction(offer);
        }
        boolean wasHeld = heldByUs;
        heldByUs = p.purpose() == Purpose.HOLD || p.purpose() == Purpose.REFRESH && heldByUs;
        applyMedia(agreed);
        if (heldByUs != wasHeld) {
            call.ctx.events().accept(heldByUs ? new SoftphoneEvent.Held(call.id(), true)
                    : new SoftphoneEvent.Unheld(call.id(), true));
        }
        timer.start(SessionTimer.of(ok).map(se -> SessionTimer.negotiate(se, true)).orElse(null));
        p.done().complete(null);
    }

    private void failed(Pending p, int code, String detail) {
        LOG.info("call {}: our {} re-INVITE failed: {}", call.id(), p.purpose(), detail);
        p.done().completeExceptionally(new CallControlException(code, p.purpose().name().toLowerCase(
                java.util.Locale.ROOT) + " failed: " + detail));
        if (p.purpose() == Purpose.REFRESH && call.state != CallState.ENDED) {   // RFC 4028 10: the session is over
            call.sendBye();
            call.end(CallEndReason.SESSION_EXPIRED, "the session refresh failed: " + detail);
        }
    }

    private void expired() {
        SessionTimer.Negotiated t = timer.current();
        if (call.state == CallState.ENDED) {
            return;
        }
        LOG.info("call {}: no session refresh from the far end within {} s: BYE", call.id(),
                t == null ? "?" : t.seconds());
        call.sendBye();
        call.end(CallEndReason.SESSION_EXPIRED, "the far end did not refresh the session (" + (t == null ? "?"
                : t.seconds()) + " s)");
    }

    // ---- the far end's re-INVITEs and UPDATEs

    /**
     * Answers a re-INVITE (or UPDATE) in the dialog: 491 while ours is pending, 422 for a too short session
     * interval, else 200 with our SDP answer (an offerless re-INVITE gets our current SDP as the offer; an UPDATE
     * without SDP none) and the session timer's headers.
     */
    void onRequest(SipRequest request) {
        boolean invite = request.isMethod("INVITE");
        SessionDescription ours = ourSdp();
        if (ours == null || inFlight != null) {
            call.channel.respond(SipResponse.forRequest(request, 491, "Request Pending", null).build());
            return;
        }
        Optional<SessionTimer.SessionExpires> se = SessionTimer.of(request);
        if (se.isPresent() && se.get().seconds() < SessionTimer.MIN_SE) {
            call.channel.respond(SipResponse.forRequest(request, 422, "Session Interval Too Small", null)
                    .header("Min-SE", Integer.toString(SessionTimer.MIN_SE)).build());
            return;
        }
        SessionDescription answer = null;
        if (request.bodyLength() > 0) {
            try {
                answer = answerOffer(SessionDescription.parse(request.bodyText()), ours);
            } catch (SdpParseException | RuntimeException bad) {
                call.channel.respond(SipResponse.forRequest(request, 488, "Not Acceptable Here", null)
                        .header("Warning", "399 softphone \"unreadable SDP offer\"").build());
                return;
            }
        } else if (invite) {
            answer = ours;   // an offerless re-INVITE: our SDP is the offer, the answer comes in the ACK
        }
        SipResponse.Builder ok = SipResponse.forRequest(request, 200, "OK", null)
                .header("Contact", call.ctx.identity().contact())
                .header("Allow", CallBase.ALLOW)
                .header("Supported", "timer");
        if (se.isPresent()) {
            boolean uacSupports = SessionTimer.supportsTimer(request);
            SessionTimer.SessionExpires mine = SessionTimer.answer(se.get(), uacSupports);
            ok.header("Session-Expires", mine.toString());
            if (uacSupports) {
                ok.header("Require", "timer");
            }
            timer.start(SessionTimer.negotiate(mine, false));
        } else if (invite) {
            timer.stop();   // RFC 4028 9: a re-INVITE without Session-Expires turns the timer off
        }
        if (answer != null) {
            ok.body("application/sdp", answer.toString().getBytes(StandardCharsets.UTF_8));
        }
        call.channel.respond(ok.build());
    }

    /** Our answer to a re-offer: the direction mirrored and limited by our hold; events for far-end hold changes. */
    private SessionDescription answerOffer(SessionDescription offer, SessionDescription ours) {
        String ufrag = offer.audio().flatMap(offer::ice).map(IceCredentials::ufrag).orElse(null);
        if (remoteUfrag != null && ufrag != null && !ufrag.equals(remoteUfrag)) {
            LOG.warn("call {}: the far end restarts ICE (ufrag {} -> {}): not supported, answering with our current "
                    + "credentials", call.id(), remoteUfrag, ufrag);
        }
        Direction offered = HoldSdp.offered(offer);
        Direction agreed = HoldSdp.both(offered.reverse(), heldByUs ? Direction.SENDONLY : Direction.SENDRECV);
        SessionDescription answer = HoldSdp.withDirection(ours, agreed);
        local = answer;
        applyMedia(agreed);
        boolean farHolds = HoldSdp.farEndHolds(offered);
        if (farHolds != heldByFarEnd) {
            heldByFarEnd = farHolds;
            call.ctx.events().accept(farHolds ? new SoftphoneEvent.Held(call.id(), false)
                    : new SoftphoneEvent.Unheld(call.id(), false));
        }
        return answer;
    }

    /** Our media follows the agreed direction; while we hold, silence goes out and nothing is listened to. */
    private void applyMedia(Direction agreed) {
        MediaSession m = call.media;
        if (m != null) {
            m.flow(agreed.sends(), !heldByUs, agreed.receives() && !heldByUs);
        }
    }

    private static Direction direction(SessionDescription sdp) {
        return sdp.direction(sdp.audio().orElseThrow());
    }

    /** Our current SDP: the last one offered or answered in a re-INVITE, else the first exchange's. */
    private SessionDescription ourSdp() {
        if (local == null) {
            byte[] first = call.localSdp();
            if (first == null) {
                return null;
            }
            try {
                local = SessionDescription.parse(new String(first, StandardCharsets.UTF_8));
            } catch (SdpParseException e) {
                throw new IllegalStateException("our own SDP does not parse: " + e.getMessage(), e);
            }
        }
        return local;
    }
}
