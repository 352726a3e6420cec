package io.github.rcsoftphone;

import io.github.rcsoftphone.media.audio.AudioSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One phone call. Incoming calls reach {@link Softphone.Builder#onIncomingCall}; the handler answers, declines or
 * ignores them. Outbound calls come from {@link Softphone#call(String, CallOptions)}. Audio comes out as 20 ms PCM frames and goes in from a {@link AudioSource} or a WAV file.
 * Every method may be called from any thread.
 */
public interface Call {

    /** The SIP Call-ID: unique per call, also the name of the call's recording. */
    String id();

    /** Who started the call. */
    Direction direction();

    /**
     * The caller's number: for inbound calls RingCentral's P-rc {@code Phn}, else the From user; for outbound calls
     * ours (the caller id asked for, else the device's user name).
     */
    String callerNumber();

    /** The other party's number: inbound the caller's, outbound the target's user part. */
    String remoteNumber();

    /** The caller's display name, or empty. */
    String callerName();

    /** RingCentral's telephony session and party ids ({@code p-rc-api-ids}), when the edge sent them. */
    Optional<RcIds> rcIds();

    CallState state();

    /**
     * Answers with the softphone's codec preferences; completes when media flows (or fails with the reason). An
     * outbound call cannot be answered: the future fails.
     */
    CompletableFuture<Void> answer();

    /**
     * Completes when media flows: inbound after our answer, outbound after the far end's 200, our ACK and the media
     * set-up. Fails if the call ends first.
     */
    CompletableFuture<Void> answered();

    /**
     * Completes when the call is accepted in signalling, before media flows: outbound when the far end's 2xx to our
     * INVITE arrives (its SDP answer is then known; our ACK, ICE and DTLS follow, then {@link #answered()}), inbound
     * when our 200 OK goes out. Use it to time call set-up (INVITE to 200 OK). Fails if the call ends first; once it
     * completed, it stays completed whatever happens to the media.
     */
    CompletableFuture<Void> accepted();

    /**
     * Rejects a ringing inbound call. When the INVITE carried RingCentral's {@code P-rc}: the reject command (Cmd 12)
     * to the edge, which ends the ringing (the call ends {@code DECLINED} on its CANCEL); if the edge refuses it, or
     * without P-rc, {@code 603 Decline}. Does nothing (but log) on an outbound call.
     */
    void decline();

    /**
     * Sends a ringing inbound call to voicemail (RingCentral Cmd 11). Completes when the edge took the command; the
     * call then ends {@code DECLINED} ("sent to voicemail") when the edge stops the ringing here.
     *
     * @throws IllegalStateException on an outbound call or a call without RingCentral's {@code P-rc} header
     */
    CompletableFuture<Void> toVoicemail();

    /**
     * Forwards a ringing inbound call to {@code number} (RingCentral Cmd 10); as {@link #toVoicemail()}.
     *
     * @throws IllegalStateException on an outbound call or a call without RingCentral's {@code P-rc} header
     * @throws IllegalArgumentException for a blank number
     */
    CompletableFuture<Void> forward(String number);

    /**
     * Answers the caller of a ringing inbound call with a text message instead (RingCentral Cmd 14); as
     * {@link #toVoicemail()}.
     *
     * @throws IllegalStateException on an outbound call or a call without RingCentral's {@code P-rc} header
     * @throws IllegalArgumentException for a blank text
     */
    CompletableFuture<Void> reply(String text);

    /**
     * Stops treating a ringing inbound call as ringing here without rejecting it: nothing is sent, other devices
     * keep ringing, and the call ends when the edge ends this leg (CANCEL, or "answered elsewhere").
     *
     * @throws IllegalStateException on an outbound call
     */
    void ignore();

    /** Ends the call: BYE when answered; before answer 486 (inbound) or CANCEL (outbound). */
    void hangup();

    /** Completes with the reason once the call has ended. */
    CompletableFuture<CallEnd> ended();

    /**
     * Receives the caller's audio as 20 ms frames of 16-bit mono PCM at {@code sampleRate} (8000, 16000 or 48000),
     * on the media clock's thread (shared by all calls: return quickly). Each call adds a consumer; {@code null}
     * {@code frames} removes every consumer added so far (then {@code sampleRate} is not used), e.g. from within a
     * consumer that only wanted the first frame (a few more frames may still arrive meanwhile). Received audio is
     * jitter-buffered and decoded only while a consumer or a {@link #record recording} takes it (packets are
     * still counted in {@link #stats()}), so a call nobody listens to costs no decoding; a consumer added later
     * starts once the jitter buffer has filled again, on the decoder's state at that point (Opus may need a few
     * frames).
     */
    void onAudio(int sampleRate, Consumer<short[]> frames);

    /**
     * Receives the far end's key presses (0-9, *, #, A-D), once per press, on the media I/O thread (shared by all
     * calls: return quickly).
     */
    void onDtmf(Consumer<Character> digits);

    /**
     * Sends key presses to the far end as RFC 4733 telephone-events with {@link DtmfOptions#defaults()} (100 ms per
     * key, 70 ms between keys, volume 10); see {@link #sendDtmf(String, DtmfOptions)}.
     */
    CompletableFuture<Void> sendDtmf(String digits);

    /**
     * Sends key presses (0-9, *, #, A-D) in the call's audio stream on the negotiated telephone-event payload type,
     * after what earlier calls queued; sent once media flows. Completes when the last key's end packets went out;
     * fails if the far end did not offer telephone-event or the call ends first.
     *
     * @throws IllegalArgumentException naming the first character that is not a DTMF key, or for no digits
     */
    CompletableFuture<Void> sendDtmf(String digits, DtmfOptions options);

    /** Records the caller's audio to a 16-bit mono WAV at the negotiated codec's rate (until the call ends). */
    void record(Path wav) throws IOException;

    /** Plays {@code source} to the caller, paced by the media clock; silence is sent when nothing plays. */
    void play(AudioSource source);

    /** Plays a WAV file to the caller. */
    void play(Path wav) throws IOException;

    /** Media figures so far. */
    CallStats stats();

    /**
     * Blind transfer: asks the far end to call {@code target} ({@code +16505550100}, {@code 101} or a {@code sip:}
     * URI, like {@link Softphone#call(String)}) with a REFER in this call's dialog. The future completes when the
     * target answered (the far end's {@code NOTIFY} says {@code SIP/2.0 200 OK}): a {@link SoftphoneEvent.Transferred}
     * event, our BYE, and this call ends with {@link CallEndReason#TRANSFERRED}. It fails with a
     * {@link TransferFailedException} (the status code of the REFER's rejection or of the far end's failed call) and
     * this call stays up. Only a connected call can be transferred.
     */
    CompletableFuture<Void> transfer(String target);

    /**
     * Attended (warm) transfer: asks this call's far end to call the far end of {@code consultation} with a REFER
     * whose {@code Refer-To} carries {@code Replaces} of the consultation's dialog (RFC 3891), so that the new call
     * replaces the consultation. Completes, fails and ends this call like {@link #transfer(String)}; the
     * consultation call is ended by its far end (a BYE) once it has been replaced.
     */
    CompletableFuture<Void> transfer(Call consultation);

    /**
     * Puts the call on hold (RFC 3264 8.4): a re-INVITE in the dialog with our SDP unchanged but for
     * {@code a=sendonly} and the {@code o=} version bumped by one (same ICE credentials, fingerprint and DTLS role, or
     * the same {@code a=crypto} key; same codecs). A 491 is retried after RFC 3261's random delay; a 4xx/5xx leaves
     * the call as it was and fails the future with {@link CallControlException} (its code).
     *
     * <p>What flows while we hold: we keep sending RTP, 50 packets a second, but every packet is encoded silence
     * (the playing source is paused and resumes on {@link #unhold()}), so the far end hears nothing and RingCentral's
     * no-RTP watchdog stays quiet; what arrives is not played out, recorded or given to {@link #onAudio} listeners
     * (we are the side that stopped listening); RTCP continues both ways. Completes when the far end's 200 has been
     * ACKed; {@link SoftphoneEvent.Held} ({@code byUs=true}) is emitted then. Holding a held call completes at once.
     */
    CompletableFuture<Void> hold();

    /**
     * Takes the call off hold: a re-INVITE with {@code a=sendrecv} and the {@code o=} version bumped by one; audio
     * flows both ways again and the paused source resumes. Emits {@link SoftphoneEvent.Unheld} ({@code byUs=true}).
     * Failures as for {@link #hold()}: the call stays held.
     */
    CompletableFuture<Void> unhold();

    /** True while we hold the call (after {@link #hold()} succeeded, until {@link #unhold()} does). */
    boolean onHold();

    /**
     * True while the far end holds the call: its last offer was {@code a=sendonly} or {@code a=inactive} (or
     * {@code c=0.0.0.0}). We then answer {@code recvonly}/{@code inactive} and send no RTP (RFC 3264), only RTCP.
     */
    boolean heldByFarEnd();

    /**
     * Mutes (or unmutes) our outgoing audio: packets keep flowing at 50 a second, carrying encoded silence; a
     * playing source keeps playing (its audio is lost while muted). No signalling.
     */
    void mute(boolean muted);

    /**
     * The states of a call. Inbound: RINGING, ANSWERING, CONNECTED, ENDED. Outbound: CALLING (INVITE sent, no answer
     * yet), RINGING (180/183), CONNECTED, ENDED.
     */
    enum CallState { CALLING, RINGING, ANSWERING, CONNECTED, ENDED }

    /** Who started a call. */
    enum Direction { INBOUND, OUTBOUND }

    /** RingCentral's ids for the Call-Control REST API. */
    record RcIds(String sessionId, String partyId) {
    }

    /** Why a call ended, with its media figures. */
    record CallEnd(CallEndReason reason, String detail, CallStats stats) {
    }

    /** Why a call ended. */
    enum CallEndReason {
        /** We hung up. */
        HANGUP,
        /** The far end hung up (BYE). */
        REMOTE_HANGUP,
        /** The caller gave up before answer (CANCEL); for outbound calls: we hung up while it rang. */
        CANCELLED,
        /** We declined; for outbound calls: the far end declined (603). */
        DECLINED,
        /** The far end is busy (486, 600). */
        BUSY,
        /** No such number (404, 484, 604). */
        NOT_FOUND,
        /** The far end cannot take calls now (480, 503, other 5xx). */
        UNAVAILABLE,
        /** Nobody answered: 408, or our ring timeout (then a CANCEL was sent). */
        NO_ANSWER,
        /** Any other final error response to our INVITE; the detail has the code and reason phrase. */
        FAILED,
        /** Answered elsewhere, or the edge closed the session while ringing. */
        ANSWERED_ELSEWHERE,
        /** No ACK for our 200 OK. */
        NO_ACK,
        /** ICE, DTLS (incl. fingerprint mismatch) or consent failed. */
        MEDIA_FAILED,
        /** The offer could not be answered (488). */
        NOT_ACCEPTABLE,
        /** The connection to the edge was lost. */
        CONNECTION_LOST,
        /** The softphone was closed. */
        CLOSED,
        /** Transferred: to a new call (we were transferred), or the far end reached the target we referred it to. */
        TRANSFERRED,
        /** The far end stopped refreshing the session (RFC 4028 session timer): we sent BYE. */
        SESSION_EXPIRED,
        /**
         * No RTP or RTCP arrived for the media timeout ({@link Softphone.Builder#mediaTimeout}, 20 s by default) while
         * the call was not on hold: the far end vanished without a BYE. We sent BYE.
         */
        MEDIA_TIMEOUT
    }

    /**
     * Media figures of a call.
     *
     * @param codec negotiated codec, e.g. {@code opus/48000/2}, or empty before answer
     * @param packetsReceived RTP packets received (audio)
     * @param packetsLost packets lost by RFC 3550's count
     * @param jitterMs interarrival jitter in ms
     * @param packetsSent RTP packets sent
     * @param roundTripMs RTCP round-trip time, NaN when unknown
     * @param durationMs time since answer
     * @param srtpAuthFailures SRTP/SRTCP packets dropped because their authentication tag did not verify (forged,
     *     corrupted, or keyed with another key)
     * @param srtpReplays SRTP/SRTCP packets dropped as replays (an index seen before, or older than the replay window)
     */
    record CallStats(String codec, long packetsReceived, long packetsLost, double jitterMs, long packetsSent,
            double roundTripMs, long durationMs, long srtpAuthFailures, long srtpReplays) {
        public static final CallStats NONE = new CallStats("", 0, 0, 0, 0, Double.NaN, 0);

        /** Figures without SRTP drop counts (both zero). */
        public CallStats(String codec, long packetsReceived, long packetsLost, double jitterMs, long packetsSent,
                double roundTripMs, long durationMs) {
            this(codec, packetsReceived, packetsLost, jitterMs, packetsSent, roundTripMs, durationMs, 0, 0);
        }
    }
}
