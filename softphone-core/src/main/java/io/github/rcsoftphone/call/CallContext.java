package io.github.rcsoftphone.call;

import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.media.codec.OpusImplementation;
import io.github.rcsoftphone.media.secure.WebRtcConfig;
import io.github.rcsoftphone.register.RegisterRequests;
import io.github.rcsoftphone.sched.Scheduler;
import java.util.List;
import java.util.Objects;
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
 * @param opus the Opus implementation calls create their codecs with (resolved: NATIVE or JAVA; AUTO resolves when
 *        a codec is created)
 * @param opusComplexity the Opus encoder complexity of calls, 0-10
 */
public record CallContext(Scheduler loop, RegisterRequests identity, String authorizationId, List<String> codecs,
        WebRtcConfig webrtc, io.github.rcsoftphone.media.secure.SdesConfig sdes, MediaClock clock, Executor mediaSetup,
        Consumer<SoftphoneEvent> events, Executor callbacks, java.time.Duration mediaTimeout, OpusImplementation opus,
        int opusComplexity) {

    /** The default media timeout: 20 s without RTP or RTCP. */
    public static final java.time.Duration DEFAULT_MEDIA_TIMEOUT = java.time.Duration.ofSeconds(20);

    public CallContext {
        java.util.Objects.requireNonNull(mediaTimeout, "mediaTimeout");
        Objects.requireNonNull(opus, "opus");
        io.github.rcsoftphone.media.codec.AudioCodecs.checkOpusComplexity(opusComplexity);
        if (mediaTimeout.isNegative()) {
            throw new IllegalArgumentException("media timeout must not be negative: " + mediaTimeout);
        }
    }

    /** A context with the {@link io.github.rcsoftphone.media.codec.AudioCodecs#DEFAULT_OPUS_COMPLEXITY}. */
    public CallContext(Scheduler loop, RegisterRequests identity, String authorizationId, List<String> codecs,
            WebRtcConfig webrtc, io.github.rcsoftphone.media.secure.SdesConfig sdes, MediaClock clock,
            Executor mediaSetup, Consumer<SoftphoneEvent> events, Executor callbacks, java.time.Duration mediaTimeout,
            OpusImplementation opus) {
        this(loop, identity, authorizationId, codecs, webrtc, sdes, clock, mediaSetup, events, callbacks, mediaTimeout,
                opus, io.github.rcsoftphone.media.codec.AudioCodecs.DEFAULT_OPUS_COMPLEXITY);
    }

    /** A context with the {@link #DEFAULT_MEDIA_TIMEOUT} and {@link OpusImplementation#AUTO} Opus. */
    public CallContext(Scheduler loop, RegisterRequests identity, String authorizationId, List<String> codecs,
            WebRtcConfig webrtc, io.github.rcsoftphone.media.secure.SdesConfig sdes, MediaClock clock,
            Executor mediaSetup, Consumer<SoftphoneEvent> events, Executor callbacks) {
        this(loop, identity, authorizationId, codecs, webrtc, sdes, clock, mediaSetup, events, callbacks,
                DEFAULT_MEDIA_TIMEOUT, OpusImplementation.AUTO);
    }
}
