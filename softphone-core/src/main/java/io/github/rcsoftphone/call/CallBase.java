package io.github.rcsoftphone.call;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.DtmfOptions;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.media.audio.AudioSource;
import io.github.rcsoftphone.media.audio.WavSource;
import io.github.rcsoftphone.media.secure.MediaTransport;
import io.github.rcsoftphone.sdp.AudioChoice;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transaction.SipChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What inbound and outbound calls share: the media half (the session, requests made before it exists, audio,
 * recording, playing, DTMF, statistics), the dialog's BYE both ways, re-INVITEs answered with our SDP, and the end
 * of the call (event, futures, media released). Signalling state is touched on the loop only.
 */
abstract class CallBase implements Call {
    private static final Logger LOG = LoggerFactory.getLogger(CallBase.class);
    /** RFC 3261 timer T1. */
    static final Duration T1 = Duration.ofMillis(500);
    static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, INFO, REFER, NOTIFY, UPDATE";

    final CallContext ctx;
    final CompletableFuture<CallEnd> ended = new CompletableFuture<>();
    final CompletableFuture<Void> answered = new CompletableFuture<>();
    /** Completed by the subclass at the 2xx to the INVITE (received or sent). */
    final CompletableFuture<Void> accepted = new CompletableFuture<>();
    private final Consumer<CallBase> onEnded;
    // media set-up requests made before the session exists
    private final List<Consumer<MediaSession>> pendingMedia = new ArrayList<>();
    private final List<Consumer<Character>> dtmfListeners = new CopyOnWriteArrayList<>();

    volatile CallState state;
    volatile MediaSession media;
    SipChannel channel;
    Dialog dialog;
    /** The transfer we asked for last, or null. */
    Referral referral;
    /** Hold, unhold, the far end's re-offers and the session timer. */
    final HoldControl control;

    CallBase(CallContext ctx, SipChannel channel, CallState initial, Consumer<CallBase> onEnded) {
        this.ctx = ctx;
        this.channel = channel;
        this.state = initial;
        this.onEnded = onEnded;
        this.control = new HoldControl(this);
    }

    @Override
    public CallState state() {
        return state;
    }

    @Override
    public CompletableFuture<CallEnd> ended() {
        return ended;
    }

    @Override
    public CompletableFuture<Void> answered() {
        return answered;
    }

    @Override
    public CompletableFuture<Void> accepted() {
        return accepted;
    }

    @Override
    public void onAudio(int sampleRate, Consumer<short[]> frames) {
        withMedia(m -> m.onAudio(sampleRate, frames));
    }

    @Override
    public void onDtmf(Consumer<Character> digits) {
        dtmfListeners.add(digits);
    }

    // RingCentral's commands on a ringing call: inbound calls only (InboundCall overrides them)

    @Override
    public CompletableFuture<Void> toVoicemail() {
        throw notInbound("toVoicemail()");
    }

    @Override
    public CompletableFuture<Void> forward(String number) {
        throw notInbound("forward()");
    }

    @Override
    public CompletableFuture<Void> reply(String text) {
        throw notInbound("reply()");
    }

    @Override
    public void ignore() {
        throw notInbound("ignore()");
    }

    private IllegalStateException notInbound(String method) {
        return new IllegalStateException("call " + id() + " is " + direction().name().toLowerCase(java.util.Locale.ROOT)
                + ": " + method + " applies to a ringing inbound call");
    }

    @Override
    public CompletableFuture<Void> sendDtmf(String digits) {
        return sendDtmf(digits, DtmfOptions.defaults());
    }

    @Override
    public CompletableFuture<Void> sendDtmf(String digits, DtmfOptions options) {
        DtmfOptions.requireDigits(digits);
        java.util.Objects.requireNonNull(options, "options");
        CompletableFuture<Void> done = new CompletableFuture<>();
        ended.thenAccept(end -> done.completeExceptionally(new IllegalStateException(
                "call " + id() + " ended (" + end.reason() + ") before the DTMF digits were sent")));
        withMedia(m -> m.sendDtmf(digits, options, done));
        return done;
    }

    @Override
    public void record(Path wav) throws IOException {
        Path parent = wav.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IOException("no such directory: " + parent);
        }
        withMedia(m -> {
            try {
                m.record(wav);
            } catch (IOException e) {
                LOG.warn("cannot record to {}: {}", wav, e.toString());
            }
        });
    }

    @Override
    public void play(AudioSource source) {
        withMedia(m -> m.play(source));
    }

    @Override
    public void play(Path wav) throws IOException {
        play(WavSource.open(wav));
    }

    @Override
    public CallStats stats() {
        MediaSession m = media;
        return m == null ? CallStats.NONE : m.stats();
    }

    @Override
    public CompletableFuture<Void> transfer(String target) {
        String referTo;
        try {
            referTo = OutboundCall.targetUri(target, ctx.identity().sipInfo().domain()).toString();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        ctx.loop().execute(() -> Referral.start(this, target, referTo, result));
        return result;
    }

    @Override
    public CompletableFuture<Void> transfer(Call consultation) {
        if (!(consultation instanceof CallBase other) || other == this || other.ctx != ctx) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(
                    "the consultation must be another call of the same softphone"));
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        ctx.loop().execute(() -> {
            if (other.dialog == null || other.state != CallState.CONNECTED) {
                result.completeExceptionally(new IllegalStateException("consultation call " + other.id()
                        + " is " + other.state + ": it must be connected"));
                return;
            }
            String referTo = Transfers.referToWithReplaces(other.dialog.remoteUri(),
                    Transfers.Replaces.of(other.dialog));
            Referral.start(this, other.remoteNumber(), referTo, result);
        });
        return result;
    }

    @Override
    public CompletableFuture<Void> hold() {
        return onLoop(() -> control.request(HoldControl.Purpose.HOLD));
    }

    @Override
    public CompletableFuture<Void> unhold() {
        return onLoop(() -> control.request(HoldControl.Purpose.UNHOLD));
    }

    @Override
    public boolean onHold() {
        return control.heldByUs();
    }

    @Override
    public boolean heldByFarEnd() {
        return control.heldByFarEnd();
    }

    @Override
    public void mute(boolean muted) {
        withMedia(m -> m.mute(muted));
    }

    private CompletableFuture<Void> onLoop(java.util.function.Supplier<CompletableFuture<Void>> action) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        ctx.loop().execute(() -> action.get().whenComplete((v, e) -> {
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(null);
            }
        }));
        return result;
    }

    /** Runs {@code action} on the media session now, or as soon as it exists (before the first audio tick). */
    private void withMedia(Consumer<MediaSession> action) {
        ctx.loop().execute(() -> {
            if (media != null) {
                action.accept(media);
            } else if (state != CallState.ENDED) {
                pendingMedia.add(action);
            }
        });
    }

    private void dtmf(char digit) {
        ctx.loop().execute(() -> ctx.events().accept(new SoftphoneEvent.Dtmf(id(), digit)));
        for (Consumer<Character> l : dtmfListeners) {
            try {
                l.accept(digit);
            } catch (RuntimeException e) {
                LOG.warn("DTMF listener threw: {}", e.toString());
            }
        }
    }

    // ---- media (loop)

    /**
     * Creates the media session on {@code transport} with the negotiated {@code choice}, applies what was asked
     * before it existed, and puts it on the media clock: from now on arriving packets are played out and recorded.
     */
    void startMedia(MediaTransport transport, AudioChoice choice) {
        media = new MediaSession(transport, choice, ctx.opus(), ctx.opusComplexity(), ctx.identity().token(8),
                e -> ctx.loop().execute(() -> mediaFailed(e)), this::dtmf, new MediaWatchdog(ctx.mediaTimeout()),
                () -> ctx.loop().execute(this::mediaSilent));
        pendingMedia.forEach(a -> a.accept(media));
        pendingMedia.clear();
        ctx.clock().add(media);
    }

    /** Runs {@code up} on the loop when {@code started} completes; a failure ends the call with MEDIA_FAILED. */
    void whenMediaUp(CompletableFuture<Void> started, Runnable up) {
        started.whenComplete((v, e) -> ctx.loop().execute(() -> {
            if (e != null) {
                mediaFailed(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
            } else if (state != CallState.ENDED) {
                up.run();
            }
        }));
    }

    /** Media flows and the call is answered: CONNECTED, the answered event and future. */
    void connected() {
        if (state == CallState.ENDED || state == CallState.CONNECTED) {
            return;
        }
        state = CallState.CONNECTED;
        media.connected();
        ctx.events().accept(new SoftphoneEvent.Answered(id(), media.codec()));
        answered.complete(null);
    }

    void mediaFailed(Throwable e) {
        if (state == CallState.ENDED) {
            return;
        }
        LOG.warn("call {}: media failed: {}", id(), e.getMessage());
        sendBye();
        end(CallEndReason.MEDIA_FAILED, e.getMessage());
    }

    /** No RTP or RTCP from the far end for the media timeout while both directions flowed: it is gone. */
    private void mediaSilent() {
        if (state == CallState.ENDED) {
            return;
        }
        String detail = "no RTP or RTCP from the far end for " + ctx.mediaTimeout().toSeconds() + " s";
        LOG.warn("call {}: {}: hanging up", id(), detail);
        sendBye();
        end(CallEndReason.MEDIA_TIMEOUT, detail);
    }

    // ---- the dialog (loop)

    /** Our current SDP for answering a re-INVITE, or null before there is one. */
    abstract byte[] localSdp();

    void onAck(SipRequest ack) {
    }

    abstract void onCancel(SipRequest cancel);

    /** The connection to the edge is gone, or the softphone closes. */
    abstract void terminate(CallEndReason reason, String detail);

    void onBye(SipRequest bye) {
        channel.respond(SipResponse.forRequest(bye, 200, "OK", null).build());
        end(CallEndReason.REMOTE_HANGUP, "the far end hung up");
    }

    /**
     * A re-INVITE or UPDATE in this dialog (refresh, hold, ICE restart): keep the call, answer with our SDP in the
     * direction the offer asks for (see {@link HoldControl#onRequest}).
     */
    void onReInvite(SipRequest reInvite) {
        control.onRequest(reInvite);
    }

    /** A NOTIFY in this dialog: progress of our transfer, else 481 (no such subscription). */
    void onNotify(SipRequest notify) {
        if (referral != null && Referral.isReferNotify(notify)) {
            referral.onNotify(notify);
        } else {
            channel.respond(SipResponse.forRequest(notify, 481, "Subscription Does Not Exist", null).build());
        }
    }

    /** Sends a BYE in the dialog, if there is one. */
    void sendBye() {
        if (dialog == null) {
            return;
        }
        SipRequest bye = dialog.request("BYE", ctx.identity().via()).build();
        channel.request(bye, Duration.ofSeconds(5)).whenComplete((r, e) -> {
            if (e != null) {
                LOG.debug("BYE for {} unanswered: {}", id(), e.getMessage());
            }
        });
    }

    /** What a subclass releases when the call ends (timers, a transport that never got a session). */
    void released() {
    }

    void end(CallEndReason reason, String detail) {
        if (state == CallState.ENDED) {
            return;
        }
        state = CallState.ENDED;
        released();
        control.released();
        pendingMedia.clear();
        MediaSession m = media;
        CallStats stats = m == null ? CallStats.NONE : m.stats();
        if (m != null) {
            ctx.clock().remove(m);
            Closing.onPool(ctx.mediaSetup(), m::close);
        }
        IllegalStateException endedFirst = new IllegalStateException("call ended: " + reason + ": " + detail);
        accepted.completeExceptionally(endedFirst);
        answered.completeExceptionally(endedFirst);
        if (referral != null) {
            referral.callEnded(reason);
        }
        ctx.events().accept(new SoftphoneEvent.Ended(id(), reason, detail, stats));
        onEnded.accept(this);
        ended.complete(new CallEnd(reason, detail, stats));
    }
}
