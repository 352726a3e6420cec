package io.github.rcsoftphone.call;

import io.github.rcsoftphone.CallOptions;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.sched.Scheduler.Cancellable;
import io.github.rcsoftphone.sdp.AudioChoice;
import io.github.rcsoftphone.sdp.OfferAnswer;
import io.github.rcsoftphone.sdp.SdpNegotiationException;
import io.github.rcsoftphone.sdp.SdpParseException;
import io.github.rcsoftphone.sdp.SessionDescription;
import io.github.rcsoftphone.sip.auth.DigestChallenge;
import io.github.rcsoftphone.sip.auth.DigestCredentials;
import io.github.rcsoftphone.sip.message.SipParseException;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.message.SipUri;
import io.github.rcsoftphone.sip.transaction.ChannelClosedException;
import io.github.rcsoftphone.sip.transaction.InviteRequests;
import io.github.rcsoftphone.sip.transaction.SipChannel;
import io.github.rcsoftphone.sip.transaction.TransactionTimeoutException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An outbound call (UAC): INVITE with our offer (WebRTC on WebSocket transports, SDES on TLS/TCP), digest
 * challenges answered once, 180/183 ring (183 with SDP starts early media), 2xx makes the dialog and is ACKed (again
 * for each retransmission), media starts from the answer. CANCEL while ringing (our hang-up, the ring timeout, close),
 * BYE once answered. All signalling state is touched on the loop only; the public methods hop onto it.
 */
final class OutboundCall extends CallBase {
    private static final Logger LOG = LoggerFactory.getLogger(OutboundCall.class);
    /** RFC 3261 Timer B: how long to wait for a provisional before giving up a CANCEL, and for the 487 after it. */
    static final Duration TIMER_B = T1.multipliedBy(64);

    private final String callId = UUID.randomUUID().toString();
    private final String localTag = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private final String target;
    private final SipUri targetUri;
    private final List<String> codecs;
    private final CallOptions options;
    private final InviteCredentials inviteCredentials;
    private final DigestCredentials credentials;

    private OfferedMedia offered;
    private SipRequest invite;
    private boolean authenticated;
    private boolean provisional;
    private CallEndReason cancelReason;
    private String cancelDetail;
    private boolean cancelSent;
    private boolean mediaStarted;
    private boolean mediaUp;
    private SipRequest ack;
    /** What the channel calls with the current INVITE's other responses (kept for Timer M without the call). */
    private InviteResponses inviteResponses;
    private Cancellable ringTimer = Cancellable.NONE;
    private Cancellable cancelTimer = Cancellable.NONE;
    // a call placed for a transfer: headers it carries (Referred-By, Replaces), who hears of its ringing
    private List<io.github.rcsoftphone.sip.message.Header> transferHeaders = List.of();
    private Runnable ringing = () -> { };
    private int failureStatus;
    /** The challenge the current INVITE answers (fresh, or the softphone's last one when pre-authenticated). */
    private InviteCredentials.Challenge challenge;
    /** Whether the current INVITE answers the softphone's last challenge rather than one of this call. */
    private boolean preauthenticated;
    private int sessionExpires;
    private int minSe = SessionTimer.MIN_SE;
    private int intervalRetries;
    private SessionDescription settled;

    OutboundCall(CallContext ctx, String target, SipUri targetUri, CallOptions options,
            InviteCredentials inviteCredentials, Consumer<CallBase> onEnded) {
        super(ctx, null, CallState.CALLING, onEnded);
        this.inviteCredentials = inviteCredentials;
        this.target = target;
        this.targetUri = targetUri;
        this.options = options;
        this.codecs = options.codecs() == null ? ctx.codecs() : options.codecs();
        var info = ctx.identity().sipInfo();
        this.credentials = new DigestCredentials(info.authorizationId(), info.password());
        this.sessionExpires = (int) Math.max(SessionTimer.MIN_SE, options.sessionExpires().toSeconds());
    }

    /**
     * The Request-URI for a target: a {@code sip:} or {@code sips:} URI as is, else {@code sip:<target>@<domain>}
     * ({@code +16505550100}, {@code 16505550100}, {@code 101}).
     *
     * @throws IllegalArgumentException when the target is blank or does not make a SIP URI
     */
    static SipUri targetUri(String target, String domain) {
        String t = target == null ? "" : target.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("no call target given");
        }
        String text = t.regionMatches(true, 0, "sip:", 0, 4) || t.regionMatches(true, 0, "sips:", 0, 5) ? t
                : "sip:" + t + "@" + domain;
        try {
            return SipUri.parse(text);
        } catch (SipParseException e) {
            throw new IllegalArgumentException("not a callable target '" + target + "': " + e.getMessage(), e);
        }
    }

    /** The end reason for a final error response to our INVITE. */
    static CallEndReason reasonFor(int code) {
        return switch (code) {
            case 486, 600 -> CallEndReason.BUSY;
            case 603 -> CallEndReason.DECLINED;
            case 404, 484, 604 -> CallEndReason.NOT_FOUND;
            case 408 -> CallEndReason.NO_ANSWER;
            default -> code == 480 || (code >= 500 && code < 600) ? CallEndReason.UNAVAILABLE : CallEndReason.FAILED;
        };
    }

    // ---- Call

    @Override
    public String id() {
        return callId;
    }

    @Override
    public Direction direction() {
        return Direction.OUTBOUND;
    }

    @Override
    public String callerNumber() {
        return options.callerId() != null ? options.callerId() : ctx.identity().sipInfo().username();
    }

    @Override
    public String callerName() {
        return "";
    }

    @Override
    public String remoteNumber() {
        String user = targetUri.user();
        return user == null ? targetUri.host() : user;
    }

    @Override
    public Optional<RcIds> rcIds() {
        return Optional.empty();
    }

    @Override
    public CompletableFuture<Void> answer() {
        return CompletableFuture.failedFuture(new IllegalStateException("call " + callId + " is outbound: nothing to answer"));
    }

    @Override
    public void decline() {
        LOG.info("call {} is outbound: decline() does nothing (use hangup())", callId);
    }

    @Override
    public void hangup() {
        ctx.loop().execute(() -> {
            if (state == CallState.CONNECTED || dialog != null) {
                sendBye();
                end(CallEndReason.HANGUP, "hung up");
            } else if (state != CallState.ENDED) {
                cancel(CallEndReason.CANCELLED, "hung up before answer");
            }
        });
    }

    // ---- placing the call (loop)

    /** Makes this a call placed for a transfer: extra INVITE headers, and who hears of its ringing. Before place. */
    void forTransfer(List<io.github.rcsoftphone.sip.message.Header> headers, Runnable onRinging) {
        this.transferHeaders = List.copyOf(headers);
        this.ringing = onRinging;
    }

    /** The final error status of our INVITE (e.g. 486), or 0. */
    int failureStatus() {
        return failureStatus;
    }

    /** Sends the INVITE on {@code sipChannel} (after preparing the media offer), or ends at once without one. */
    void place(SipChannel sipChannel) {
        ctx.events().accept(new SoftphoneEvent.Calling(callId, target));
        if (sipChannel == null) {
            end(CallEndReason.FAILED, "not connected to the edge");
            return;
        }
        channel = sipChannel;
        ringTimer = ctx.loop().schedule(options.ringTimeout(), () -> cancel(CallEndReason.NO_ANSWER,
                "no answer within " + options.ringTimeout().toSeconds() + " s"));
        boolean webrtc = channel.kind().websocket();
        String localHost = channel.localAddress() == null ? "127.0.0.1"
                : channel.localAddress().getAddress().getHostAddress();
        ctx.mediaSetup().execute(() -> {
            try {
                OfferedMedia m = webrtc ? WebRtcSdp.prepareOffer(ctx.webrtc(), codecs)
                        : SdesSdp.prepareOffer(ctx.sdes(), codecs, localHost);
                ctx.loop().execute(() -> offerReady(m));
            } catch (IOException | SdpNegotiationException | RuntimeException e) {
                ctx.loop().execute(() -> end(CallEndReason.MEDIA_FAILED, "media set-up failed: " + e.getMessage()));
            }
        });
    }

    private void offerReady(OfferedMedia m) {
        if (state == CallState.ENDED) {
            Closing.onPool(ctx.mediaSetup(), m.transport()::close);
            return;
        }
        offered = m;
        if (cancelReason != null) {   // hung up while the offer was prepared: nothing was sent
            end(cancelReason, cancelDetail);
            return;
        }
        // answer the softphone's last challenge ahead of time: no 407 round trip while the edge accepts its nonce
        challenge = inviteCredentials.last().orElse(null);
        preauthenticated = challenge != null;
        sendInvite();
    }

    /** Sends the (next) INVITE, answering {@link #challenge} when there is one. */
    private void sendInvite() {
        long cseq = invite == null ? 1 : invite.cseq().sequence() + 1;
        SipRequest.Builder b = SipRequest.builder("INVITE", targetUri)
                .header("Via", ctx.identity().via())
                .header("Max-Forwards", "70")
                .header("From", "<" + ctx.identity().addressOfRecord() + ">;tag=" + localTag)
                .header("To", "<" + targetUri + ">")
                .header("Call-ID", callId)
                .header("CSeq", cseq + " INVITE")
                .header("Contact", ctx.identity().contact())
                .header("Allow", ALLOW)
                .header("Supported", "timer")
                .header("Session-Expires", Integer.toString(sessionExpires))
                .header("Min-SE", Integer.toString(minSe));
        if (options.callerId() != null && !options.callerId().isBlank()) {
            b.header("P-Asserted-Identity", "<sip:" + options.callerId().strip() + "@"
                    + ctx.identity().sipInfo().domain() + ">");
        }
        transferHeaders.forEach(h -> b.header(h.name(), h.value()));
        if (challenge != null) {
            b.header(challenge.header(), inviteCredentials.authorize(challenge, credentials, targetUri.toString()));
        }
        SipRequest sent = b.body("application/sdp", offered.offer().toString().getBytes(StandardCharsets.UTF_8)).build();
        invite = sent;
        provisional = false;
        if (inviteResponses != null) {
            inviteResponses.detach();
        }
        inviteResponses = new InviteResponses(channel, this::onProvisional);
        channel.request(sent, options.ringTimeout().plus(TIMER_B), inviteResponses)
                .whenComplete((r, e) -> ctx.loop().execute(() -> onFinal(sent, r, e)));
    }

    // ---- responses (loop)

    /**
     * A provisional response to the current INVITE (the INVITE it replaced was {@link InviteResponses#detach detached};
     * a retransmitted 2xx is ACKed by {@link InviteResponses}).
     */
    private void onProvisional(SipResponse r) {
        provisional = true;
        if (cancelReason != null && !cancelSent) {
            sendCancel();
            return;
        }
        if (r.statusCode() > 100 && state == CallState.CALLING) {
            state = CallState.RINGING;
            ctx.events().accept(new SoftphoneEvent.Ringing(callId));
            ringing.run();
        }
        if (r.statusCode() > 100 && r.bodyLength() > 0 && !mediaStarted && cancelReason == null) {
            startMediaFrom(r);   // early media (183 Session Progress)
        }
    }

    private void onFinal(SipRequest sent, SipResponse r, Throwable error) {
        if (sent != invite) {
            return;
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof TransactionTimeoutException) {
                end(cancelReason != null ? cancelReason : CallEndReason.NO_ANSWER, "no final response to the INVITE");
            } else if (cause instanceof ChannelClosedException) {
                end(CallEndReason.CONNECTION_LOST, cause.getMessage());
            } else {
                end(CallEndReason.FAILED, cause.toString());
            }
            return;
        }
        int code = r.statusCode();
        boolean refusedPreauthentication = code == 403 && preauthenticated;
        if (code >= 300 && code != 401 && code != 407 && !refusedPreauthentication) {
            failureStatus = code;
        }
        if (code < 300) {
            on2xx(r);
        } else if (state == CallState.ENDED) {
            LOG.debug("call {}: {} after the end", callId, code);
        } else if (cancelReason != null) {
            end(cancelReason, cancelDetail);
        } else if (code == 401 || code == 407) {
            challenged(r, code == 407);
        } else if (refusedPreauthentication) {
            // the edge refused the reused nonce outright: ask again without credentials, to be challenged
            LOG.debug("call {}: 403 to a pre-authenticated INVITE, retrying without credentials", callId);
            inviteCredentials.forget(challenge);
            challenge = null;
            preauthenticated = false;
            sendInvite();
        } else if (code == 422 && intervalRetries++ < 2) {
            // RFC 4028 6: the session interval is too small: ask again with the far end's Min-SE
            minSe = SessionTimer.minSe(r);
            sessionExpires = Math.max(sessionExpires, minSe);
            LOG.debug("call {}: 422, asking for a {} s session interval", callId, sessionExpires);
            sendInvite();
        } else {
            end(reasonFor(code), code + " " + r.reasonPhrase());
        }
    }

    private void challenged(SipResponse r, boolean proxy) {
        if (authenticated) {
            end(CallEndReason.FAILED, "authentication rejected");
            return;
        }
        Optional<String> header = r.header(proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
        try {
            DigestChallenge fresh = DigestChallenge.parse(header.orElseThrow(
                    () -> new IllegalArgumentException(r.statusCode() + " without a challenge")));
            if (preauthenticated) {
                inviteCredentials.forget(challenge);
            }
            authenticated = true;
            preauthenticated = false;
            challenge = new InviteCredentials.Challenge(fresh, proxy);
            inviteCredentials.remember(challenge);
            sendInvite();
        } catch (IllegalArgumentException e) {
            end(CallEndReason.FAILED, "authentication impossible: " + e.getMessage());
        }
    }

    /** A 2xx: the dialog, the ACK, then media (or the BYE when we gave up meanwhile). */
    private void on2xx(SipResponse ok) {
        try {
            dialog = Dialog.uac(invite, ok);
        } catch (SipParseException | RuntimeException e) {
            LOG.warn("call {}: unusable 2xx: {}", callId, e.getMessage());
            end(CallEndReason.FAILED, "unusable 200 OK: " + e.getMessage());
            return;
        }
        ack = dialog.ack(invite.cseq().sequence(), ctx.identity().via());
        inviteResponses.acked(ack);
        channel.sendStateless(ack);
        ringTimer.cancel();
        cancelTimer.cancel();
        if (state == CallState.ENDED || cancelReason != null) {   // the 200 crossed our CANCEL, or we closed
            sendBye();
            end(cancelReason != null ? cancelReason : CallEndReason.CLOSED, cancelDetail != null ? cancelDetail : "ended");
            return;
        }
        accepted.complete(null);
        if (!mediaStarted) {
            if (ok.bodyLength() == 0) {
                sendBye();
                end(CallEndReason.FAILED, "the 200 OK has no SDP answer");
                return;
            }
            startMediaFrom(ok);
        }
        control.sessionTimer(SessionTimer.of(ok).map(se -> SessionTimer.negotiate(se, true)).orElse(null));
        if (mediaUp) {
            connected();
        }
    }

    /** Starts media from the SDP answer in {@code r} (183 or 200); a bad answer ends the call once it is final. */
    private void startMediaFrom(SipResponse r) {
        AudioChoice choice;
        Supplier<CompletableFuture<Void>> start;
        SessionDescription answer;
        try {
            answer = SessionDescription.parse(new String(r.body(), StandardCharsets.UTF_8));
            choice = OfferAnswer.acceptAnswer(answer.audio().orElseThrow(
                    () -> new SdpNegotiationException("the answer has no audio")), codecs);
            start = offered.answered().accept(answer);
        } catch (SdpParseException | SdpNegotiationException e) {
            LOG.warn("call {}: unusable SDP answer in the {}: {}", callId, r.statusCode(), e.getMessage());
            if (dialog != null) {
                sendBye();
                end(CallEndReason.MEDIA_FAILED, "unusable SDP answer: " + e.getMessage());
            }
            return;
        }
        mediaStarted = true;
        control.remote(answer);
        settled = HoldSdp.settled(offered.offer(), ourSetup(answer), answer);
        startMedia(offered.transport(), choice);
        whenMediaUp(start.get(), () -> {
            mediaUp = true;
            if (dialog != null) {
                connected();
            }
        });
    }

    // ---- ending (loop)

    /** Gives up a call that has no answer yet: CANCEL once a provisional came (else when one comes). */
    private void cancel(CallEndReason reason, String detail) {
        if (cancelReason != null || state == CallState.ENDED || dialog != null) {
            return;
        }
        cancelReason = reason;
        cancelDetail = detail;
        ringTimer.cancel();
        if (invite == null) {   // still preparing the offer: offerReady ends the call
            if (channel == null) {
                end(reason, detail);
            }
            return;
        }
        if (provisional) {
            sendCancel();
        }
        cancelTimer = ctx.loop().schedule(TIMER_B, () -> end(reason, detail + " (the INVITE was not terminated)"));
    }

    private void sendCancel() {
        cancelSent = true;
        channel.request(InviteRequests.cancel(invite), TIMER_B).whenComplete((r, e) -> {
            if (e != null) {
                LOG.debug("CANCEL for {} unanswered: {}", callId, e.getMessage());
            }
        });
    }

    @Override
    void onCancel(SipRequest cancel) {
        channel.respond(SipResponse.forRequest(cancel, 481, "Call/Transaction Does Not Exist", null).build());
    }

    /** Our DTLS role once the answer chose one (the answerer's passive makes us active), or null without DTLS. */
    private static io.github.rcsoftphone.sdp.Setup ourSetup(SessionDescription answer) {
        var setup = answer.audio().flatMap(answer::setup);
        if (answer.audio().flatMap(answer::fingerprint).isEmpty()) {
            return null;
        }
        return setup.orElse(io.github.rcsoftphone.sdp.Setup.ACTIVE) == io.github.rcsoftphone.sdp.Setup.PASSIVE
                ? io.github.rcsoftphone.sdp.Setup.ACTIVE : io.github.rcsoftphone.sdp.Setup.PASSIVE;
    }

    @Override
    byte[] localSdp() {
        if (dialog == null || offered == null) {
            return null;
        }
        return (settled != null ? settled : offered.offer()).toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    void terminate(CallEndReason reason, String detail) {
        if (reason == CallEndReason.CLOSED) {
            if (dialog != null) {
                sendBye();
            } else if (invite != null && provisional && !cancelSent) {
                sendCancel();
            }
        }
        end(reason, detail);
    }

    @Override
    void released() {
        ringTimer.cancel();
        cancelTimer.cancel();
        if (media == null && offered != null) {
            Closing.onPool(ctx.mediaSetup(), offered.transport()::close);
        }
    }
}
