package io.github.rcsoftphone;

/** Everything a softphone tells its listener. Immutable values; {@link #type()} is the JSON event name. */
public sealed interface SoftphoneEvent {

    /** The event's name in {@code --json} output. */
    String type();

    /**
     * The edge accepted the registration for {@code expiresSeconds}; {@code refresh} is true for a refresh.
     *
     * @param proxy {@code host:port} of the outbound proxy that took it (null when unknown)
     * @param backup whether that is the backup proxy ({@link SipInfo#outboundProxyBackup()})
     */
    record Registered(int expiresSeconds, String contact, boolean refresh, String proxy, boolean backup)
            implements SoftphoneEvent {
        /** Without the proxy (unknown). */
        public Registered(int expiresSeconds, String contact, boolean refresh) {
            this(expiresSeconds, contact, refresh, null, false);
        }

        public String type() {
            return "registered";
        }
    }

    /** A registration attempt failed; {@code willRetry} says whether the softphone keeps trying by itself. */
    record RegistrationFailed(FailureReason reason, String detail, boolean willRetry) implements SoftphoneEvent {
        public String type() {
            return "registration_failed";
        }
    }

    /** The connection to the edge is gone (closed, or a REGISTER went unanswered); a reconnect follows. */
    record ConnectionLost(String detail) implements SoftphoneEvent {
        public String type() {
            return "connection_lost";
        }
    }

    /**
     * A new connection to the edge is up after a loss (registration follows at once).
     *
     * @param remote what it is connected to, e.g. {@code wss://host:port}
     * @param backup whether that is the backup proxy ({@link SipInfo#outboundProxyBackup()})
     */
    record Reconnected(String remote, boolean backup) implements SoftphoneEvent {
        /** A reconnection to the main proxy. */
        public Reconnected(String remote) {
            this(remote, false);
        }

        public String type() {
            return "reconnected";
        }
    }

    /** The softphone un-registered (on close). */
    record Unregistered() implements SoftphoneEvent {
        public String type() {
            return "unregistered";
        }
    }

    /** A call is ringing; the incoming-call handler decides what to do with it. */
    record IncomingCall(String callId, String callerNumber, String callerName) implements SoftphoneEvent {
        public String type() {
            return "incoming";
        }
    }

    /** We are calling {@code target} (the INVITE goes out). */
    record Calling(String callId, String target) implements SoftphoneEvent {
        public String type() {
            return "calling";
        }
    }

    /** The far end of our outbound call is ringing (180 or 183). */
    record Ringing(String callId) implements SoftphoneEvent {
        public String type() {
            return "ringing";
        }
    }

    /** A call was answered and its media is flowing with {@code codec}. */
    record Answered(String callId, String codec) implements SoftphoneEvent {
        public String type() {
            return "answered";
        }
    }

    /** A call ended. */
    record Ended(String callId, Call.CallEndReason reason, String detail, Call.CallStats stats) implements SoftphoneEvent {
        public String type() {
            return "ended";
        }
    }

    /** The far end pressed a key (RFC 4733 telephone-event), reported once per key press. */
    record Dtmf(String callId, char digit) implements SoftphoneEvent {
        public String type() {
            return "dtmf";
        }
    }

    /**
     * Call {@code callId} was transferred to {@code target}: as the transferor, the target answered the far end
     * (our call then ends {@code transferred}); as the transferee, our new call to the target was answered.
     */
    record Transferred(String callId, String target) implements SoftphoneEvent {
        public String type() {
            return "transferred";
        }
    }

    /**
     * Progress of a transfer we asked for, from the far end's NOTIFY ({@code SIP/2.0 180 Ringing} gives 180).
     */
    record TransferProgress(String callId, int statusCode, String reasonPhrase) implements SoftphoneEvent {
        public String type() {
            return "transfer_progress";
        }
    }

    /**
     * A call was put on hold: by us ({@link Call#hold()} was accepted) or by the far end (its re-INVITE offered
     * {@code sendonly}/{@code inactive}).
     */
    record Held(String callId, boolean byUs) implements SoftphoneEvent {
        public String type() {
            return "held";
        }
    }

    /** A held call was taken off hold, by us ({@link Call#unhold()}) or by the far end (it offered sendrecv again). */
    record Unheld(String callId, boolean byUs) implements SoftphoneEvent {
        public String type() {
            return "unheld";
        }
    }
}
