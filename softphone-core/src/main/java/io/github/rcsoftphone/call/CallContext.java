package io.github.rcsoftphone.call;

import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.media.secure.WebRtcConfig;
import io.github.rcsoftphone.register.RegisterRequests;
import io.github.rcsoftphone.sched.Scheduler;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What every call of one softphone shares: the signalling loop, the REGISTER identity (Via, Contact, AoR), the media
 * clock and configuration, where blocking media set-up runs, and where events go.
 *
 * @param loop the signalling loop
 * @param identity Via/Contact/AoR of the registered device
 * @param authorizationId for RingCentral's {@code Cln}
 * @param codecs codec preference, e.g. {@code [opus, PCMU, PCMA]}
 * @param webrtc media configuration for WebRTC calls
 * @param sdes media configuration for SDES (TLS flavour) calls
 * @param clock the 20 ms media clock
 * @param mediaSetup where ICE gathering and closing (blocking) run
 * @param events softphone events
 * @param callbacks where user handlers run
 * @param mediaTimeout a connected call with no RTP or RTCP from the far end this long (while not on hold) ends
 *     {@code MEDIA_TIMEOUT}; zero: never
 */
public record CallContext(Scheduler loop, RegisterRequests identity, String authorizationId, List<String> codecs,
        WebRtcConfig webrtc, io.github.rcsoftphone.media.secure.SdesConfig sdes, MediaClock clock, Executor mediaSetup,
        Consumer<SoftphoneEvent> events, Executor callbacks, java.time.Duration mediaTimeout) {

    /** The default media timeout: 20 s without RTP or RTCP. */
    public static final java.time.Duration DEFAULT_MEDIA_TIMEOUT = java.time.Duration.ofSeconds(20);

    public CallContext {
        java.util.Objects.requireNonNull(mediaTimeout, "mediaTimeout");
        if (mediaTimeout.isNegative()) {
            throw new IllegalArgumentException("media timeout must not be negative: " + mediaTimeout);
        }
    }

    /** A context with the {@link #DEFAULT_MEDIA_TIMEOUT}. */
    public CallContext(Scheduler loop, RegisterRequests identity, String authorizationId, List<String> codecs,
            WebRtcConfig webrtc, io.github.rcsoftphone.media.secure.SdesConfig sdes, MediaClock clock,
            Executor mediaSetup, Consumer<SoftphoneEvent> events, Executor callbacks) {
        this(loop, identity, authorizationId, codecs, webrtc, sdes, clock, mediaSetup, events, callbacks,
                DEFAULT_MEDIA_TIMEOUT);
    }
}
