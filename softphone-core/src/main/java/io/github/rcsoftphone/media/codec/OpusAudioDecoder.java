package io.github.rcsoftphone.media.codec;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import io.github.jaredmdobson.concentus.OpusPacketInfo;

/**
 * Opus decoder, pure Java (concentus) or native libopus ({@link NativeOpus.Decoder}). For a stereo rtpmap
 * ({@code opus/48000/2}) it decodes two channels and down-mixes them to mono (a mono packet decodes to two equal
 * channels, so the mix is the same signal). Packets are checked before they reach the decoder: an empty packet, an
 * invalid frame layout, more than 120 ms, or the 4-byte RFC 4733-looking packets RingCentral sends on the audio
 * payload type are rejected with {@link CodecException}. {@link #close()} frees a native decoder.
 */
final class OpusAudioDecoder implements AudioDecoder {

    /** One decoder engine; {@code pcm} holds {@code channels} interleaved channels. */
    interface Core {
        /**
         * Decodes {@code data} (null: conceal a lost frame) into at most {@code maxSamples} samples per channel;
         * {@code fec} decodes the redundancy of the next packet instead. Returns the samples per channel.
         */
        int decode(byte[] data, short[] pcm, int maxSamples, boolean fec) throws CodecException;

        /** Back to the initial state after a failure. */
        void reset();

        /** Frees native memory (a native engine then refuses to decode); nothing for the Java engine. */
        void close();
    }

    private final int sampleRate;
    private final int channels;
    private final int frameSamples;
    private final int maxSamples;
    private final OpusImplementation implementation;
    private final Core core;
    private final short[] buffer;
    private volatile boolean closed;

    /** {@code implementation} is resolved here ({@link OpusImplementation#resolve()}). */
    OpusAudioDecoder(int sampleRate, int channels, OpusImplementation implementation) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.frameSamples = sampleRate / 50;
        this.maxSamples = sampleRate * 120 / 1000;
        this.buffer = new short[maxSamples * channels];
        this.implementation = implementation.resolve();
        this.core = this.implementation == OpusImplementation.NATIVE ? new NativeOpus.Decoder(sampleRate, channels)
                : new Concentus(sampleRate, channels);
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public short[] decode(byte[] payload) throws CodecException {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        check(payload);
        int samples;
        try {
            samples = core.decode(payload, buffer, maxSamples, false);
        } catch (RuntimeException e) {
            core.reset();
            throw new CodecException("Opus: packet of " + payload.length + " bytes broke the decoder (state reset): "
                    + e, e);
        }
        return mono(samples);
    }

    @Override
    public short[] conceal() {
        return lossFrame(null);
    }

    @Override
    public short[] recover(byte[] nextPayload) {
        if (nextPayload == null) {
            return conceal();
        }
        try {
            check(nextPayload);
        } catch (CodecException e) {
            return conceal();
        }
        return lossFrame(nextPayload);
    }

    @Override
    public void close() {
        closed = true;
        core.close();
    }

    private short[] lossFrame(byte[] fecSource) {
        try {
            int samples = core.decode(fecSource, buffer, frameSamples, fecSource != null);
            if (samples == frameSamples) {
                return mono(samples);
            }
        } catch (CodecException | RuntimeException e) {
            core.reset();
        }
        return new short[frameSamples];
    }

    /** Rejects what is not an Opus packet of at most 120 ms before the decoder sees it. */
    private void check(byte[] payload) throws CodecException {
        if (payload == null || payload.length == 0) {
            throw new CodecException("Opus: empty payload");
        }
        if (looksLikeTelephoneEvent(payload)) {
            throw new CodecException(String.format(
                    "Opus: 4-byte packet %02x %02x %02x %02x looks like an RFC 4733 event on the audio payload type",
                    payload[0], payload[1], payload[2], payload[3]));
        }
        int samples;
        try {
            OpusPacketInfo.parseOpusPacket(payload, 0, payload.length);
            samples = OpusPacketInfo.getNumSamples(payload, 0, payload.length, sampleRate);
        } catch (OpusException e) {
            throw new CodecException("Opus: invalid packet of " + payload.length + " bytes: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new CodecException("Opus: invalid packet of " + payload.length + " bytes: " + e, e);
        }
        if (samples <= 0 || samples > maxSamples) {
            throw new CodecException("Opus: packet of " + payload.length + " bytes claims " + samples
                    + " samples at " + sampleRate + " Hz (at most 120 ms allowed)");
        }
    }

    /**
     * RingCentral's stray packets are {@code [digit, 0x8a, 0x03, 0xc0]}: an RFC 4733 end packet (E bit set, reserved
     * bit clear) whose first byte is an event code 0..16 (or, to be safe, a key as ASCII: 0-9 * # A-D). As Opus
     * such a packet would be a 3-byte SILK frame, which a 32 kbit/s voice encoder does not send; dropping a real
     * one would only cost 20 ms that the jitter buffer conceals.
     */
    static boolean looksLikeTelephoneEvent(byte[] payload) {
        if (payload.length != 4 || (payload[1] & 0xC0) != 0x80) {
            return false;
        }
        int first = payload[0] & 0xFF;
        return first <= 16 || "0123456789*#ABCD".indexOf(first) >= 0;
    }

    private short[] mono(int samples) {
        short[] out = new short[samples];
        if (channels == 1) {
            System.arraycopy(buffer, 0, out, 0, samples);
        } else {
            for (int i = 0; i < samples; i++) {
                out[i] = (short) ((buffer[2 * i] + buffer[2 * i + 1]) >> 1);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "Opus decoder " + sampleRate + " Hz, " + channels + " channel(s) down-mixed to mono ("
                + implementation.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    /** The pure-Java engine. */
    private static final class Concentus implements Core {
        private final OpusDecoder decoder;

        Concentus(int sampleRate, int channels) {
            try {
                decoder = new OpusDecoder(sampleRate, channels);
            } catch (OpusException e) {
                throw new IllegalArgumentException("Opus decoder rejected " + sampleRate + " Hz, " + channels
                        + " channels: " + e.getMessage(), e);
            }
        }

        @Override
        public int decode(byte[] data, short[] pcm, int maxSamples, boolean fec) throws CodecException {
            try {
                return decoder.decode(data, 0, data == null ? 0 : data.length, pcm, 0, maxSamples, fec);
            } catch (OpusException e) {
                throw new CodecException("Opus: packet of " + (data == null ? 0 : data.length)
                        + " bytes does not decode: " + e.getMessage(), e);
            }
        }

        @Override
        public void reset() {
            decoder.resetState();
        }

        @Override
        public void close() {
            // nothing native: the garbage collector frees it
        }
    }
}
