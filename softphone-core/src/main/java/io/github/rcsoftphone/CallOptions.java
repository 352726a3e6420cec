package io.github.rcsoftphone;

import java.time.Duration;
import java.util.List;

/**
 * How to place an outbound call ({@link Softphone#call(String, CallOptions)}).
 *
 * @param codecs codec preference for the offer ({@code opus}, {@code PCMU}, {@code PCMA}), or null for the
 *               softphone's
 * @param callerId the number to show the far end ({@code P-Asserted-Identity} user), or null for none
 * @param ringTimeout how long the call may ring before we CANCEL it and it ends with {@code NO_ANSWER}
 * @param sessionExpires the session interval our INVITE asks for (RFC 4028 {@code Session-Expires}, whole seconds,
 *                       at least {@code Min-SE} 90 s); the far end may lower it to no less than 90 s, a 422 raises it
 */
public record CallOptions(List<String> codecs, String callerId, Duration ringTimeout, Duration sessionExpires) {
    /** The default ring timeout: 60 s. */
    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(60);
    /** The default session interval: 1800 s (RFC 4028's recommendation). */
    public static final Duration DEFAULT_SESSION_EXPIRES = Duration.ofSeconds(1800);
    /** The smallest session interval (our {@code Min-SE}): 90 s. */
    public static final Duration MIN_SESSION_EXPIRES = Duration.ofSeconds(90);

    /**
     * Copies the codec list; a null ring timeout or session interval means the default; rejects an empty codec
     * list and a session interval under 90 s.
     */
    public CallOptions {
        if (codecs != null) {
            codecs = List.copyOf(codecs);
            if (codecs.isEmpty()) {
                throw new IllegalArgumentException("at least one codec is needed (or null for the softphone's)");
            }
        }
        ringTimeout = ringTimeout == null ? DEFAULT_RING_TIMEOUT : ringTimeout;
        if (ringTimeout.isNegative() || ringTimeout.isZero()) {
            throw new IllegalArgumentException("ring timeout must be positive: " + ringTimeout);
        }
        sessionExpires = sessionExpires == null ? DEFAULT_SESSION_EXPIRES : sessionExpires;
        if (sessionExpires.compareTo(MIN_SESSION_EXPIRES) < 0) {
            throw new IllegalArgumentException("session interval must be at least 90 s (Min-SE): " + sessionExpires);
        }
    }

    /** Options with the default session interval. */
    public CallOptions(List<String> codecs, String callerId, Duration ringTimeout) {
        this(codecs, callerId, ringTimeout, DEFAULT_SESSION_EXPIRES);
    }

    /** The softphone's codecs, no caller id, 60 s ring timeout, 1800 s session interval. */
    public static CallOptions defaults() {
        return new CallOptions(null, null, DEFAULT_RING_TIMEOUT, DEFAULT_SESSION_EXPIRES);
    }

    public CallOptions withCodecs(List<String> newCodecs) {
        return new CallOptions(newCodecs, callerId, ringTimeout, sessionExpires);
    }

    public CallOptions withCallerId(String newCallerId) {
        return new CallOptions(codecs, newCallerId, ringTimeout, sessionExpires);
    }

    public CallOptions withRingTimeout(Duration newRingTimeout) {
        return new CallOptions(codecs, callerId, newRingTimeout, sessionExpires);
    }

    /** The session interval to ask for (RFC 4028), at least 90 s. */
    public CallOptions withSessionExpires(Duration newSessionExpires) {
        return new CallOptions(codecs, callerId, ringTimeout, newSessionExpires);
    }
}
