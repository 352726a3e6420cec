package io.github.rcsoftphone.media.codec;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;
import java.util.Arrays;

/**
 * Opus encoder (concentus, pure Java): mono, VOIP application, 20 ms frames, about 32 kbit/s, in-band FEC on.
 * A mono stream is valid for an {@code opus/48000/2} rtpmap (RFC 7587: the receiver decodes either).
 */
final class OpusAudioEncoder implements AudioEncoder {

    static final int BITRATE = 32_000;
    /**
     * Encoder complexity 0-10 (concentus defaults to 10). Measured here on 48 kHz mono voice at 32 kbit/s: 10 costs
     * 1.5 ms a frame warm and 8.7 ms a frame over a fresh JVM's first 30 s; 5 costs 1.0 and 3.3 ms. At 10 a new
     * process under load could not encode a tone in real time; 5 is what VoIP stacks commonly run.
     */
    static final int COMPLEXITY = 5;
    /** The loss rate the encoder plans FEC for; in-band FEC is only produced when this is above zero. */
    static final int EXPECTED_LOSS_PERCENT = 5;
    private static final int MAX_PACKET = 1275;

    private final int sampleRate;
    private final int frameSamples;
    private final OpusEncoder encoder;
    private final byte[] buffer = new byte[MAX_PACKET];

    OpusAudioEncoder(int sampleRate) {
        this.sampleRate = sampleRate;
        this.frameSamples = sampleRate / 50;
        try {
            encoder = new OpusEncoder(sampleRate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
        } catch (OpusException e) {
            throw new IllegalArgumentException("Opus encoder rejected " + sampleRate + " Hz mono: " + e.getMessage(), e);
        }
        encoder.setBitrate(BITRATE);
        encoder.setComplexity(COMPLEXITY);
        encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
        encoder.setUseInbandFEC(true);
        encoder.setPacketLossPercent(EXPECTED_LOSS_PERCENT);
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public int frameSamples() {
        return frameSamples;
    }

    @Override
    public byte[] encode(short[] pcm20ms) {
        if (pcm20ms.length != frameSamples) {
            throw new IllegalArgumentException("Opus encoder at " + sampleRate + " Hz needs " + frameSamples
                    + " samples (20 ms) per frame, got " + pcm20ms.length);
        }
        try {
            int length = encoder.encode(pcm20ms, 0, frameSamples, buffer, 0, buffer.length);
            return Arrays.copyOf(buffer, length);
        } catch (OpusException e) {
            throw new IllegalStateException("Opus encoder failed on a 20 ms frame at " + sampleRate + " Hz: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Opus encoder " + sampleRate + " Hz mono";
    }
}
