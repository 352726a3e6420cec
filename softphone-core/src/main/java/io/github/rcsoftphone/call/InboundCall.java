package io.github.rcsoftphone.call;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.FailureReason;
import io.github.rcsoftphone.SoftphoneException;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.media.audio.AudioSource;
import io.github.rcsoftphone.media.audio.WavSource;
import io.github.rcsoftphone.media.secure.MediaSecurityException;
import io.github.rcsoftphone.rc.CallerInfo;
import io.github.rcsoftphone.rc.RcApiIds;
import io.github.rcsoftphone.rc.RcCommands;
import io.github.rcsoftphone.rc.RcMessage;
import io.github.rcsoftphone.sched.Scheduler.Cancellable;
import io.github.rcsoftphone.sdp.OfferAnswer;
import io.github.rcsoftphone.sdp.SdpNegotiationException;
import io.github.rcsoftphone.sdp.SdpParseException;
import io.github.rcsoftphone.sdp.SessionDescription;
import io.github.rcsoftphone.sip.message.SipParseException;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.message.SipUri;
import io.github.rcsoftphone.sip.transaction.SipChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An incoming call (UAS): 180 Ringing, RingCentral's receive-confirm, then on {@link #answer()} a 200 OK with the SDP
 * answer (retransmitted until the ACK comes), media over WebRTC; BYE, CANCEL and re-INVITEs from the far end. All
 * signalling state is touched on the loop only; the public methods hop onto it.
 */
final class InboundCall extends CallBase {
    private static final Logger LOG = LoggerFactory.getLogger(InboundCall.class);
    private static final Duration T2 = Duration.ofSeconds(4);
    private static final Duration ACK_WAIT = T1.multipliedBy(64);
    /** How long the edge may take to end the ringing (CANCEL) after it took a command. */
    static final Duration COMMAND_WAIT = Duration.ofSeconds(8);

    private final SipRequest invite;
    private final String localTag;
    private final String callerNumber;
    private final String callerName;
    private final Optional<RcIds> rcIds;
    private final Optional<RcMessage> prc;
    private SipResponse ok;
    private Cancellable retransmit = Cancellable.NONE;
    private boolean acked;
    // a call-control command the edge took (its end detail), the wait for the edge's CANCEL, ignore(): loop only
    private String commanded;
    private Cancellable commandWait = Cancellable.NONE;
    private boolean ignored;
    /** The media prepared while the call rings (loop only; null once answered with it, or without a usable offer). */
    private EarlyMedia early;

    InboundCall(CallContext ctx, SipChannel channel, SipRequest invite, Consumer<CallBase> onEnded) {
        super(ctx, channel, CallState.RINGING, onEnded);
        this.invite = invite;
        this.localTag = ctx.identity().token(8);
        this.prc = invite.header("P-rc").flatMap(InboundCall::parseRc);
        CallerInfo caller = prc.map(CallerInfo::of).orElse(null);
        String fromUser = invite.from().uri().user();
        this.callerNumber = caller != null && caller.number() != null && !caller.number().isBlank() ? caller.number()
                : fromUser == null ? "" : fromUser;
        String display = invite.from().displayName();
        this.callerName = caller != null && caller.name() != null ? caller.name() : display == null ? "" : display;
        this.rcIds = invite.header("p-rc-api-ids").flatMap(RcApiIds::parse)
                .map(ids -> new RcIds(ids.sessionId(), ids.partyId()));
    }

    private static Optional<RcMessage> parseRc(String xml) {
        try {
            return Optional.of(RcMessage.parse(xml));
        } catch (Exception e) {
            LOG.warn("ignored an unreadable P-rc header: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Rings: the incoming event (queued for the listener before anything goes out), 180, the receive-confirm when
     * the edge sent P-rc. Loop only.
     */
    void ring() {
        ctx.events().accept(new SoftphoneEvent.IncomingCall(id(), callerNumber, callerName));
        channel.respond(response(180, "Ringing").build());
        prc.ifPresent(this::sendReceiveConfirm);
        early = prepareEarly();
    }

    /**
     * The media an answer needs (a UDP socket, ICE candidates or SDES keys, the SDP answer), prepared on the media
     * set-up pool while the call rings and the listener decides, so that {@link #answer()} only sends the 200 OK;
     * null when the offer is unusable ({@link #startAnswer} then rejects it as before). A call that ends unanswered
     * discards it ({@link #released}), also when the preparation is still queued or running.
     */
    private EarlyMedia prepareEarly() {
        try {
            Offer offer = offer();
            return offer == null ? null : prepare(offer);
        } catch (SdpParseException | SdpNegotiationException e) {
            return null;
        }
    }

    /** The INVITE's offer and our audio choice, or null without an offer. */
    private Offer offer() throws SdpParseException, SdpNegotiationException {
        String body = new String(invite.body(), StandardCharsets.UTF_8);
        if (body.isBlank()) {
            return null;
        }
        SessionDescription offer = SessionDescription.parse(body);
        io.github.rcsoftphone.sdp.AudioChoice choice = OfferAnswer.chooseAudio(offer.audio().orElseThrow(
                () -> new SdpNegotiationException("the offer has no audio")), ctx.codecs());
        return new Offer(offer, choice);
    }

    /** Starts preparing the media for {@code offer} on the media set-up pool. */
    private EarlyMedia prepare(Offer offer) {
        boolean sdes = SdesSdp.isSdes(offer.sdp(), offer.sdp().audio().orElseThrow());
        String localHost = channel.localAddress() == null ? "127.0.0.1"
                : channel.localAddress().getAddress().getHostAddress();
        return EarlyMedia.start(offer.choice(), ctx.mediaSetup(), () -> sdes
                ? SdesSdp.prepare(ctx.sdes(), offer.sdp(), offer.choice(), localHost)
                : WebRtcSdp.prepare(ctx.webrtc(), offer.sdp(), offer.choice()));
    }

    /** An offer and the audio we choose from it. */
    private record Offer(SessionDescription sdp, io.github.rcsoftphone.sdp.AudioChoice choice) { }

    private void sendReceiveConfirm(RcMessage rc) {
        sendAgent(RcCommands.receiveConfirm(rc, ctx.authorizationId())).whenComplete((r, e) -> {
            if (e != null) {
                LOG.warn("receive-confirm for {} not accepted: {}", id(), e.getMessage());
            }
        });
    }

    /**
     * Sends a call-control command to the edge: {@code MESSAGE sip:<P-rc Hdr From>} with {@code Content-Type:
     * x-rc/agent}. Completes on a 2xx; fails with the response or the transport's error. Loop only.
     */
    private CompletableFuture<Void> sendAgent(RcMessage command) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        String cmd = command.hdr().get("Cmd");
        try {
            SipUri target = SipUri.parse("sip:" + command.to());
            SipRequest message = SipRequest.builder("MESSAGE", target)
                    .header("Via", ctx.identity().via())
                    .header("Max-Forwards", "70")
                    .header("From", "<" + ctx.identity().addressOfRecord() + ">;tag=" + ctx.identity().token(8))
                    .header("To", "<" + target + ">")
                    .header("Call-ID", ctx.identity().token(16))
                    .header("CSeq", "1 MESSAGE")
                    .body("x-rc/agent", command.toXml().getBytes(StandardCharsets.UTF_8))
                    .build();
            channel.request(message, Duration.ofSeconds(5)).whenComplete((r, e) -> {
                if (e != null) {
                    done.completeExceptionally(new SoftphoneException(FailureReason.TIMEOUT,
                            "the edge did not take command " + cmd + " for call " + id() + ": " + e.getMessage(), e));
                } else if (r.statusCode() >= 300) {
                    done.completeExceptionally(new SoftphoneException(FailureReason.REJECTED, "the edge refused command "
                            + cmd + " for call " + id() + ": " + r.statusCode() + " " + r.reasonPhrase()));
                } else {
                    done.complete(null);
                }
            });
        } catch (SipParseException e) {
            done.completeExceptionally(new IllegalStateException("cannot send command " + cmd + " to '" + command.to()
                    + "': " + e.getMessage(), e));
        }
        return done;
    }

    // ---- Call

    @Override
    public String id() {
        return invite.callId();
    }

    @Override
    public Direction direction() {
        return Direction.INBOUND;
    }

    @Override
    public String callerNumber() {
        return callerNumber;
    }

    @Override
    public String remoteNumber() {
        return callerNumber;
    }

    @Override
    public String callerName() {
        return callerName;
    }

    @Override
    public Optional<RcIds> rcIds() {
        return rcIds;
    }

    @Override
    public CompletableFuture<Void> answer() {
        ctx.loop().execute(this::startAnswer);
        return answered;
    }

    /** With P-rc: Cmd 12, the edge ends the ringing (603 if it refuses or does not); without: 603 Decline. */
    @Override
    public void decline() {
        if (prc.isEmpty()) {
            ctx.loop().execute(this::declineWith603);
            return;
        }
        command("declined", rc -> RcCommands.decline(rc, ctx.authorizationId())).whenComplete((v, e) -> {
            if (e != null) {
                LOG.info("call {}: decline via the edge failed ({}): 603 instead", id(), e.getMessage());
                ctx.loop().execute(this::declineWith603);
            }
        });
    }

    private void declineWith603() {
        if (state == CallState.RINGING) {
            channel.respond(response(603, "Decline").build());
            end(CallEndReason.DECLINED, commanded != null ? commanded + " (the edge did not end the ringing: 603 sent)"
                    : "declined");
        }
    }

    @Override
    public CompletableFuture<Void> toVoicemail() {
        return command("sent to voicemail", rc -> RcCommands.toVoicemail(rc, ctx.authorizationId()));
    }

    @Override
    public CompletableFuture<Void> forward(String number) {
        if (number == null || number.isBlank()) {
            throw new IllegalArgumentException("forward(): no number to forward call " + id() + " to");
        }
        return command("forwarded to " + number, rc -> RcCommands.forward(rc, ctx.authorizationId(), number.strip()));
    }

    @Override
    public CompletableFuture<Void> reply(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("reply(): no text to answer call " + id() + " with");
        }
        return command("replied with a text", rc -> RcCommands.replyWithText(rc, ctx.authorizationId(), text));
    }

    /** Nothing goes on the wire: the edge keeps ringing other devices and ends this leg (CANCEL) when it is done. */
    @Override
    public void ignore() {
        ctx.loop().execute(() -> {
            if (state == CallState.RINGING && !ignored) {
                ignored = true;
                LOG.info("call {}: ignored here; it rings on until the edge ends it", id());
            }
        });
    }

    /**
     * Sends a call-control command about the ringing call. Once the edge takes it (200), the edge ends the ringing
     * with a CANCEL; the call then ends {@code DECLINED} with {@code what} as the detail (603 from us if no CANCEL
     * comes within {@link #COMMAND_WAIT}).
     */
    private CompletableFuture<Void> command(String what, java.util.function.UnaryOperator<RcMessage> build) {
        RcMessage rc = prc.orElseThrow(() -> new IllegalStateException("call " + id()
                + " came without RingCentral's P-rc header: it cannot be " + what + " (decline() or hangup() can end it)"));
        CompletableFuture<Void> done = new CompletableFuture<>();
        ctx.loop().execute(() -> {
            if (state != CallState.RINGING || commanded != null) {
                done.completeExceptionally(new IllegalStateException("call " + id() + " cannot be " + what + ": "
                        + (state == CallState.RINGING ? "already " + commanded
                                : "it is " + state.name().toLowerCase(java.util.Locale.ROOT))));
                return;
            }
            commanded = what;
            sendAgent(build.apply(rc)).whenComplete((v, e) -> ctx.loop().execute(() -> {
                if (e != null) {
                    commanded = null;
                    done.completeExceptionally(e);
                    return;
                }
                done.complete(null);
                commandWait = ctx.loop().schedule(COMMAND_WAIT, this::declineWith603);
            }));
        });
        return done;
    }

    /**
     * An {@code x-rc/agent} MESSAGE from the edge: Cmd 7 (answered on another device) or Cmd 9 (session closed)
     * about this ringing call (same P-rc SID, or same Call-ID) and for this device ({@code Cln} ours or absent) ends
     * it; 487 closes the INVITE. True when it was about this call. Loop only.
     */
    boolean onAgentMessage(RcMessage message, String callId) {
        int cmd = message.cmd();
        if (cmd != RcCommands.ALREADY_PROCESSED && cmd != RcCommands.SESSION_CLOSE) {
            return false;
        }
        String sid = prc.map(RcMessage::sid).orElse(null);
        boolean ours = sid != null && sid.equals(message.sid()) || id().equals(callId);
        if (!ours || message.cln() != null && !message.cln().equals(ctx.authorizationId())) {
            return false;
        }
        if (state == CallState.RINGING) {
            channel.respond(response(487, "Request Terminated").build());
            if (commanded != null) {
                end(CallEndReason.DECLINED, commanded);
            } else {
                end(CallEndReason.ANSWERED_ELSEWHERE, cmd == RcCommands.ALREADY_PROCESSED
                        ? "answered on another device (Cmd 7)" : "the edge closed the session (Cmd 9)");
            }
        }
        return true;
    }

    @Override
    public void hangup() {
        ctx.loop().execute(() -> {
            switch (state) {
                case RINGING -> {
                    channel.respond(response(486, "Busy Here").build());
                    end(CallEndReason.HANGUP, "hung up before answer");
                }
                case ANSWERING, CONNECTED -> {
                    sendBye();
                    end(CallEndReason.HANGUP, "hung up");
                }
                default -> { }
            }
        });
    }

    // ---- answering

    private void startAnswer() {
        if (state != CallState.RINGING) {
            if (state == CallState.ENDED) {
                answered.completeExceptionally(new IllegalStateException("call " + id() + " has ended"));
            }
            return;
        }
        state = CallState.ANSWERING;
        Offer offer;
        try {
            offer = offer();
        } catch (SdpParseException | SdpNegotiationException e) {
            reject(488, "Not Acceptable Here", e.getMessage());
            return;
        }
        if (offer == null) {
            reject(488, "Not Acceptable Here", "INVITE without an SDP offer (offer in ACK) is not supported yet");
            return;
        }
        if (SessionTimer.of(invite).map(se -> se.seconds() < SessionTimer.MIN_SE).orElse(false)) {
            channel.respond(response(422, "Session Interval Too Small")
                    .header("Min-SE", Integer.toString(SessionTimer.MIN_SE)).build());
            end(CallEndReason.NOT_ACCEPTABLE, "the session interval asked for is under our Min-SE of 90 s");
            return;
        }
        control.remote(offer.sdp());
        if (early == null || !early.choice().equals(offer.choice())) {   // nothing prepared, or for other audio
            if (early != null) {
                early.discard();
            }
            early = prepare(offer);
        }
        EarlyMedia answering = early;   // still ours (released() discards it) until sendAnswer takes it
        if (answering.media().isDone()) {
            answerWith(answering);   // prepared while it rang: the 200 goes out now, without a second loop pass
        } else {
            answering.media().whenComplete((m, e) -> ctx.loop().execute(() -> answerWith(answering)));
        }
    }

    /** Once {@code answering}'s preparation ended: the 200 OK with its media, or 488/500 when it failed. */
    private void answerWith(EarlyMedia answering) {
        if (state != CallState.ANSWERING) {
            return;   // ended meanwhile: released() discarded the media
        }
        PreparedMedia media;
        try {
            media = answering.media().join();
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException error) {
            Throwable e = error.getCause() != null ? error.getCause() : error;
            if (e instanceof SdpNegotiationException) {
                reject(488, "Not Acceptable Here", e.getMessage());
            } else {
                reject(500, "Server Internal Error", "media set-up failed: " + e.getMessage());
            }
            return;
        }
        sendAnswer(media, answering.choice());
    }

    /** Answers with the prepared media (state ANSWERING, {@link #early} holding it). */
    private void sendAnswer(PreparedMedia prepared, io.github.rcsoftphone.sdp.AudioChoice choice) {
        try {
            dialog = new Dialog(invite, localTag);
        } catch (SipParseException | RuntimeException e) {
            reject(400, "Bad Request", e.getMessage());   // ends the call: released() discards the media
            return;
        }
        early = null;   // the media session owns the transport from here on
        SipResponse.Builder b = response(200, "OK").header("Contact", ctx.identity().contact())
                .header("Allow", ALLOW)
                .header("Supported", "timer");
        sessionTimer(b);
        ok = b
                .body("application/sdp", prepared.answer().toString().getBytes(StandardCharsets.UTF_8)).build();
        channel.respond(ok);
        // the session (and what the handler asked for, e.g. a recording's file) after the 200 is on its way: no
        // packet can reach it before ICE and DTLS, which start below
        startMedia(prepared.transport(), choice);
        accepted.complete(null);
        scheduleRetransmit(T1, Duration.ZERO);
        whenMediaUp(prepared.start().get(), this::connected);
    }

    /**
     * RFC 4028 9 for the INVITE: its {@code Session-Expires} (RingCentral's {@code 14400;refresher=uac}) is accepted
     * as asked, with {@code Require: timer} when the caller supports timers; the timer starts with the answer.
     */
    private void sessionTimer(SipResponse.Builder b) {
        SessionTimer.of(invite).ifPresent(se -> {
            boolean uacSupports = SessionTimer.supportsTimer(invite);
            SessionTimer.SessionExpires mine = SessionTimer.answer(se, uacSupports);
            b.header("Session-Expires", mine.toString());
            if (uacSupports) {
                b.header("Require", "timer");
            }
            control.sessionTimer(SessionTimer.negotiate(mine, false));
        });
    }

    private void scheduleRetransmit(Duration interval, Duration elapsed) {
        retransmit = ctx.loop().schedule(interval, () -> {
            if (acked || state == CallState.ENDED) {
                return;
            }
            Duration total = elapsed.plus(interval);
            if (total.compareTo(ACK_WAIT) >= 0) {
                sendBye();
                end(CallEndReason.NO_ACK, "no ACK for the 200 OK within " + ACK_WAIT.toSeconds() + " s");
                return;
            }
            channel.respond(ok);
            Duration next = interval.multipliedBy(2);
            scheduleRetransmit(next.compareTo(T2) > 0 ? T2 : next, total);
        });
    }

    private void reject(int code, String reason, String detail) {
        LOG.warn("call {}: {} {}: {}", id(), code, reason, detail);
        channel.respond(response(code, reason).header("Warning", "399 softphone \"" + detail.replace('"', '\'') + "\"")
                .build());
        end(code == 488 ? CallEndReason.NOT_ACCEPTABLE : CallEndReason.MEDIA_FAILED, detail);
    }

    // ---- requests from the far end (loop)

    @Override
    void onAck(SipRequest ack) {
        acked = true;
        retransmit.cancel();
    }

    @Override
    void onCancel(SipRequest cancel) {
        channel.respond(SipResponse.forRequest(cancel, 200, "OK", null).build());
        if (ok == null && state != CallState.ENDED) {
            channel.respond(response(487, "Request Terminated").build());
            if (commanded != null) {
                end(CallEndReason.DECLINED, commanded);
            } else {
                end(CallEndReason.CANCELLED, ignored ? "the caller cancelled (ignored here)" : "the caller cancelled");
            }
        }
    }

    @Override
    byte[] localSdp() {
        return ok == null ? null : ok.body();
    }

    @Override
    void terminate(CallEndReason reason, String detail) {
        if (reason == CallEndReason.CLOSED && (state == CallState.CONNECTED || state == CallState.ANSWERING)) {
            sendBye();
        } else if (reason == CallEndReason.CLOSED && state == CallState.RINGING) {
            channel.respond(response(480, "Temporarily Unavailable").build());
        }
        end(reason, detail);
    }

    @Override
    void released() {
        retransmit.cancel();
        commandWait.cancel();
        if (early != null) {   // ended unanswered: the media prepared while it rang is not needed
            early.discard();
            early = null;
        }
    }

    /** A response to the INVITE; dialog-creating ones (101-299) copy its Record-Route (RFC 3261 12.1.1). */
    private SipResponse.Builder response(int code, String reason) {
        SipResponse.Builder b = SipResponse.forRequest(invite, code, reason, code == 100 ? null : localTag);
        if (code > 100 && code < 300) {
            for (String rr : invite.headers().all("Record-Route")) {
                b.header("Record-Route", rr);
            }
        }
        return b;
    }
}
