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
 */
public record CallOptions(List<String> codecs, String callerId, Duration ringTimeout) {
    /** The default ring timeout: 60 s. */
    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(60);

    /** Copies the codec list; a null ring timeout means the default; rejects an empty codec list. */
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
    }

    /** The softphone's codecs, no caller id, 60 s ring timeout. */
    public static CallOptions defaults() {
        return new CallOptions(null, null, DEFAULT_RING_TIMEOUT);
    }

    public CallOptions withCodecs(List<String> newCodecs) {
        return new CallOptions(newCodecs, callerId, ringTimeout);
    }

    public CallOptions withCallerId(String newCallerId) {
        return new CallOptions(codecs, newCallerId, ringTimeout);
    }

    public CallOptions withRingTimeout(Duration newRingTimeout) {
        return new CallOptions(codecs, callerId, newRingTimeout);
    }
}
