package io.github.rcsoftphone.media.codec;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusSignal;
import java.util.Arrays;

/**
 * Opus encoder: mono, VOIP application, 20 ms frames, about 32 kbit/s, in-band FEC on, complexity 5 unless asked
 * otherwise; pure Java
 * (concentus) or native libopus ({@link NativeOpus.Encoder}) with the same settings. A mono stream is valid for an
 * {@code opus/48000/2} rtpmap (RFC 7587: the receiver decodes either). {@link #close()} frees a native encoder.
 */
final class OpusAudioEncoder implements AudioEncoder {

    static final int BITRATE = 32_000;
    /**
     * Encoder complexity 0-10 (concentus defaults to 10). Measured here on 48 kHz mono voice at 32 kbit/s: 10 costs
     * 1.5 ms a frame warm and 8.7 ms a frame over a fresh JVM's first 30 s; 5 costs 1.0 and 3.3 ms. At 10 a new
     * process under load could not encode a tone in real time; 5 is what VoIP stacks commonly run.
     */
    static final int COMPLEXITY = AudioCodecs.DEFAULT_OPUS_COMPLEXITY;
    /** The loss rate the encoder plans FEC for; in-band FEC is only produced when this is above zero. */
    static final int EXPECTED_LOSS_PERCENT = 5;
    static final int MAX_PACKET = 1275;

    /** One encoder engine: encodes {@code samples} mono samples into {@code out}, returns the packet length. */
    interface Core {
        int encode(short[] pcm, int samples, byte[] out);

        /** The complexity the engine itself reports it runs at. */
        int complexity();

        /** Frees native memory (a native engine then refuses to encode); nothing for the Java engine. */
        void close();
    }

    private final int sampleRate;
    private final int frameSamples;
    private final OpusImplementation implementation;
    private final int complexity;
    private final Core core;
    private final byte[] buffer = new byte[MAX_PACKET];

    /** {@code implementation} is resolved here ({@link OpusImplementation#resolve()}); complexity {@value #COMPLEXITY}. */
    OpusAudioEncoder(int sampleRate, OpusImplementation implementation) {
        this(sampleRate, implementation, COMPLEXITY);
    }

    /**
     * {@code implementation} is resolved here ({@link OpusImplementation#resolve()}).
     *
     * @param complexity 0-10 ({@link AudioCodecs#checkOpusComplexity})
     */
    OpusAudioEncoder(int sampleRate, OpusImplementation implementation, int complexity) {
        AudioCodecs.checkOpusComplexity(complexity);
        this.sampleRate = sampleRate;
        this.frameSamples = sampleRate / 50;
        this.complexity = complexity;
        this.implementation = implementation.resolve();
        this.core = this.implementation == OpusImplementation.NATIVE ? new NativeOpus.Encoder(sampleRate, complexity)
                : new Concentus(sampleRate, complexity);
    }

    /** The encoder complexity it runs at, 0-10, as the engine (concentus or libopus) reports it. */
    int complexity() {
        return core.complexity();
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
        return Arrays.copyOf(buffer, core.encode(pcm20ms, frameSamples, buffer));
    }

    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "Opus encoder " + sampleRate + " Hz mono (" + implementation.name().toLowerCase(java.util.Locale.ROOT)
                + ", complexity " + complexity + ")";
    }

    /** The pure-Java engine. */
    private static final class Concentus implements Core {
        private final int sampleRate;
        private final OpusEncoder encoder;

        Concentus(int sampleRate, int complexity) {
            this.sampleRate = sampleRate;
            try {
                encoder = new OpusEncoder(sampleRate, 1, OpusApplication.OPUS_APPLICATION_VOIP);
            } catch (OpusException e) {
                throw new IllegalArgumentException("Opus encoder rejected " + sampleRate + " Hz mono: "
                        + e.getMessage(), e);
            }
            encoder.setBitrate(BITRATE);
            encoder.setComplexity(complexity);
            encoder.setSignalType(OpusSignal.OPUS_SIGNAL_VOICE);
            encoder.setUseInbandFEC(true);
            encoder.setPacketLossPercent(EXPECTED_LOSS_PERCENT);
        }

        @Override
        public int encode(short[] pcm, int samples, byte[] out) {
            try {
                return encoder.encode(pcm, 0, samples, out, 0, out.length);
            } catch (OpusException e) {
                throw new IllegalStateException("Opus encoder failed on a 20 ms frame at " + sampleRate + " Hz: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public int complexity() {
            return encoder.getComplexity();
        }

        @Override
        public void close() {
            // nothing native: the garbage collector frees it
        }
    }
}
