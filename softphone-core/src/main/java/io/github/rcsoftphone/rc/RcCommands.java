package io.github.rcsoftphone.rc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The call-control bodies a device sends about a ringing call, each built from the INVITE's {@code P-rc}: the
 * {@code Hdr} copies {@code SID} and {@code Req}, swaps {@code From} and {@code To}, and sets {@code Cmd}; the
 * {@code Bdy} starts with {@code Cln} (our authorization id). They travel as {@code MESSAGE sip:<incoming From>} with
 * {@code Content-Type: x-rc/agent}. This is the shape the public RingCentral SDKs (Go, web phone, TypeScript) send.
 */
public final class RcCommands {

    /** Server to client: an incoming call (the INVITE's P-rc). */
    public static final int INCOMING_CALL = 6;
    /** Server to client: the call was answered or handled elsewhere. */
    public static final int ALREADY_PROCESSED = 7;
    /** Server to client: the call session is closed. */
    public static final int SESSION_CLOSE = 9;
    /** Client to server: forward the call to a number. */
    public static final int FORWARD = 10;
    /** Client to server: send the call to voicemail. */
    public static final int TO_VOICEMAIL = 11;
    /** Client to server: reject the call. */
    public static final int REJECT = 12;
    /** Client to server: the user started writing a text reply. */
    public static final int START_REPLY = 13;
    /** Client to server: reply to the caller with a text. */
    public static final int REPLY = 14;
    /** Client to server: this device received the call. */
    public static final int RECEIVE_CONFIRM = 17;

    private RcCommands() {
    }

    /** Cmd 17: confirms this device received the call; required before the other commands work. */
    public static RcMessage receiveConfirm(RcMessage incoming, String authorizationId) {
        return command(incoming, RECEIVE_CONFIRM, authorizationId, Map.of());
    }

    /** Cmd 11: sends the ringing call to voicemail. */
    public static RcMessage toVoicemail(RcMessage incoming, String authorizationId) {
        return command(incoming, TO_VOICEMAIL, authorizationId, Map.of());
    }

    /** Cmd 12: rejects the ringing call. */
    public static RcMessage decline(RcMessage incoming, String authorizationId) {
        return command(incoming, REJECT, authorizationId, Map.of());
    }

    /** Cmd 10: forwards the ringing call to {@code number}: {@code FwdDly="0" Phn=number PhnTp="3"}. */
    public static RcMessage forward(RcMessage incoming, String authorizationId, String number) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("FwdDly", "0");
        extra.put("Phn", Objects.requireNonNull(number, "number"));
        extra.put("PhnTp", "3");
        return command(incoming, FORWARD, authorizationId, extra);
    }

    /** Cmd 13: tells the server a text reply is being written (the SDKs send it before {@link #replyWithText}). */
    public static RcMessage startReply(RcMessage incoming, String authorizationId) {
        return command(incoming, START_REPLY, authorizationId, Map.of());
    }

    /**
     * Cmd 14: answers the caller with a text ({@code RepTp="0" Bdy=text}). The public SDKs use Cmd 14 here and
     * Cmd 13 for {@link #startReply}.
     */
    public static RcMessage replyWithText(RcMessage incoming, String authorizationId, String text) {
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("RepTp", "0");
        extra.put("Bdy", Objects.requireNonNull(text, "text"));
        return command(incoming, REPLY, authorizationId, extra);
    }

    /** Any command: {@code Hdr SID Req From=<incoming To> To=<incoming From> Cmd}, {@code Bdy Cln} then extras. */
    public static RcMessage command(RcMessage incoming, int cmd, String authorizationId, Map<String, String> extra) {
        Objects.requireNonNull(incoming, "incoming");
        Objects.requireNonNull(authorizationId, "authorizationId");
        Map<String, String> hdr = new LinkedHashMap<>();
        putIfPresent(hdr, "SID", incoming.sid());
        putIfPresent(hdr, "Req", incoming.req());
        putIfPresent(hdr, "From", incoming.to());
        putIfPresent(hdr, "To", incoming.from());
        hdr.put("Cmd", Integer.toString(cmd));
        Map<String, String> bdy = new LinkedHashMap<>();
        bdy.put("Cln", authorizationId);
        bdy.putAll(extra);
        return new RcMessage(hdr, bdy);
    }

    private static void putIfPresent(Map<String, String> map, String name, String value) {
        if (value != null) {
            map.put(name, value);
        }
    }
}
