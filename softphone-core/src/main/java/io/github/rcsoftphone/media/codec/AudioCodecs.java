package io.github.rcsoftphone.media.codec;

import java.util.Locale;
import java.util.Objects;

/**
 * Creates codecs from an SDP rtpmap ({@code encoding/clockRate[/channels]}). Every call returns new instances: no
 * state is shared between calls. Supported (encoding names are case-insensitive): {@code opus/48000/2} (PCM at
 * 48000 Hz), {@code opus/16000} (RingCentral's payload type 109; PCM at 16000 Hz), {@code PCMU/8000} and
 * {@code PCMA/8000}. A {@code channels} value of 0 or less means "not given" (1). Close each codec when its call
 * ends (a native Opus codec frees its libopus state then).
 */
public final class AudioCodecs {

    /**
     * The Opus encoder complexity calls use unless told otherwise: 5 of 0-10 (concentus defaults to 10; 5 is what
     * VoIP stacks commonly run and costs about two thirds of 10 per frame).
     */
    public static final int DEFAULT_OPUS_COMPLEXITY = 5;

    private AudioCodecs() {
    }

    /**
     * Checks an Opus encoder complexity: 0 (cheapest: a busy server encoding many calls) to 10 (best quality per bit).
     *
     * @return {@code complexity}
     * @throws IllegalArgumentException outside 0..10
     */
    public static int checkOpusComplexity(int complexity) {
        if (complexity < 0 || complexity > 10) {
            throw new IllegalArgumentException("Opus complexity must be 0..10, got " + complexity);
        }
        return complexity;
    }

    /** Whether {@link #encoder} and {@link #decoder} accept this rtpmap. */
    public static boolean supports(String encoding, int clockRate, int channels) {
        return kind(encoding, clockRate, channels) != null;
    }

    /**
     * A new encoder for this rtpmap; Opus is native libopus when it loads ({@link OpusImplementation#AUTO}).
     *
     * @throws IllegalArgumentException if the rtpmap is not supported
     */
    public static AudioEncoder encoder(String encoding, int clockRate, int channels) {
        return encoder(encoding, clockRate, channels, OpusImplementation.AUTO);
    }

    /**
     * A new encoder for this rtpmap; {@code opus} chooses the Opus implementation (G.711 ignores it).
     *
     * @throws IllegalArgumentException if the rtpmap is not supported
     * @throws OpusUnavailableException for {@link OpusImplementation#NATIVE} Opus when libopus cannot be loaded
     */
    public static AudioEncoder encoder(String encoding, int clockRate, int channels, OpusImplementation opus) {
        return encoder(encoding, clockRate, channels, opus, DEFAULT_OPUS_COMPLEXITY);
    }

    /**
     * A new encoder for this rtpmap; {@code opus} chooses the Opus implementation and {@code opusComplexity} (0-10)
     * its complexity (G.711 ignores both).
     *
     * @throws IllegalArgumentException if the rtpmap is not supported, or for a complexity outside 0..10
     * @throws OpusUnavailableException for {@link OpusImplementation#NATIVE} Opus when libopus cannot be loaded
     */
    public static AudioEncoder encoder(String encoding, int clockRate, int channels, OpusImplementation opus,
            int opusComplexity) {
        Objects.requireNonNull(opus, "opus");
        checkOpusComplexity(opusComplexity);
        return switch (require(encoding, clockRate, channels)) {
            case OPUS -> new OpusAudioEncoder(clockRate, opus, opusComplexity);
            case PCMU -> new G711Encoder(true);
            case PCMA -> new G711Encoder(false);
        };
    }

    /**
     * A new decoder for this rtpmap; {@code opus/48000/2} decodes stereo packets and down-mixes them to mono. Opus
     * is native libopus when it loads ({@link OpusImplementation#AUTO}).
     *
     * @throws IllegalArgumentException if the rtpmap is not supported
     */
    public static AudioDecoder decoder(String encoding, int clockRate, int channels) {
        return decoder(encoding, clockRate, channels, OpusImplementation.AUTO);
    }

    /**
     * A new decoder for this rtpmap; {@code opus} chooses the Opus implementation (G.711 ignores it).
     *
     * @throws IllegalArgumentException if the rtpmap is not supported
     * @throws OpusUnavailableException for {@link OpusImplementation#NATIVE} Opus when libopus cannot be loaded
     */
    public static AudioDecoder decoder(String encoding, int clockRate, int channels, OpusImplementation opus) {
        Objects.requireNonNull(opus, "opus");
        return switch (require(encoding, clockRate, channels)) {
            case OPUS -> new OpusAudioDecoder(clockRate, channels == 2 ? 2 : 1, opus);
            case PCMU -> new G711Decoder(true);
            case PCMA -> new G711Decoder(false);
        };
    }

    /**
     * The RTP timestamp increment per 20 ms packet: the clock rate / 50 (160 for PCMU/PCMA, 960 for opus/48000,
     * 320 for opus/16000, 160 for telephone-event/8000).
     *
     * @throws IllegalArgumentException for an encoding or clock rate not supported here
     */
    public static int rtpTimestampStep(String encoding, int clockRate) {
        boolean event = encoding != null && encoding.equalsIgnoreCase("telephone-event")
                && clockRate > 0 && clockRate % 50 == 0;
        if (!event && !supports(encoding, clockRate, 0)) {
            throw new IllegalArgumentException("unsupported codec " + encoding + "/" + clockRate);
        }
        return clockRate / 50;
    }

    private enum Kind { OPUS, PCMU, PCMA }

    private static Kind require(String encoding, int clockRate, int channels) {
        Kind kind = kind(encoding, clockRate, channels);
        if (kind == null) {
            throw new IllegalArgumentException("unsupported codec " + encoding + "/" + clockRate
                    + (channels > 0 ? "/" + channels : "")
                    + " (supported: opus/48000/2, opus/16000, PCMU/8000, PCMA/8000)");
        }
        return kind;
    }

    private static Kind kind(String encoding, int clockRate, int channels) {
        if (encoding == null || channels > 2) {
            return null;
        }
        String name = encoding.trim().toLowerCase(Locale.ROOT);
        boolean mono = channels <= 1;
        return switch (name) {
            case "opus" -> clockRate == 48000 || clockRate == 16000 ? Kind.OPUS : null;
            case "pcmu" -> clockRate == 8000 && mono ? Kind.PCMU : null;
            case "pcma" -> clockRate == 8000 && mono ? Kind.PCMA : null;
            default -> null;
        };
    }
}
