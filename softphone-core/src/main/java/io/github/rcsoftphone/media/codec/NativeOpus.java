package io.github.rcsoftphone.media.codec;

import com.sun.jna.Pointer;

/**
 * The native libopus engines behind {@link OpusAudioEncoder} and {@link OpusAudioDecoder}: each owns one libopus
 * state, freed by {@code close()} (the call's media session closes its codecs when the call ends; no finalizer).
 * Methods are synchronized so that a close racing an encode or decode cannot free the state under it; after close
 * they throw IllegalStateException instead of touching freed memory.
 */
final class NativeOpus {

    private NativeOpus() {
    }

    private static LibOpus library() {
        return LibOpus.Loaded.system().require();
    }

    private static void ctl(LibOpus lib, Pointer state, int request, int value, String what) {
        int result = lib.opus_encoder_ctl(state, request, value);
        if (result != LibOpus.OPUS_OK) {
            lib.opus_encoder_destroy(state);
            throw new IllegalStateException("libopus refused " + what + " = " + value + ": "
                    + lib.opus_strerror(result));
        }
    }

    /** A libopus encoder with the settings of {@link OpusAudioEncoder} and the given complexity. */
    static final class Encoder implements OpusAudioEncoder.Core {
        private final LibOpus lib = library();
        private final int sampleRate;
        private Pointer state;

        /** {@code complexity}: 0-10, checked by the caller. */
        Encoder(int sampleRate, int complexity) {
            this.sampleRate = sampleRate;
            int[] error = new int[1];
            Pointer created = lib.opus_encoder_create(sampleRate, 1, LibOpus.OPUS_APPLICATION_VOIP, error);
            if (created == null || error[0] != LibOpus.OPUS_OK) {
                throw new IllegalArgumentException("libopus encoder rejected " + sampleRate + " Hz mono: "
                        + lib.opus_strerror(error[0]));
            }
            ctl(lib, created, LibOpus.OPUS_SET_BITRATE_REQUEST, OpusAudioEncoder.BITRATE, "bitrate");
            ctl(lib, created, LibOpus.OPUS_SET_COMPLEXITY_REQUEST, complexity, "complexity");
            ctl(lib, created, LibOpus.OPUS_SET_SIGNAL_REQUEST, LibOpus.OPUS_SIGNAL_VOICE, "signal");
            ctl(lib, created, LibOpus.OPUS_SET_INBAND_FEC_REQUEST, 1, "in-band FEC");
            ctl(lib, created, LibOpus.OPUS_SET_PACKET_LOSS_PERC_REQUEST, OpusAudioEncoder.EXPECTED_LOSS_PERCENT,
                    "expected packet loss");
            this.state = created;
        }

        @Override
        public synchronized int encode(short[] pcm, int samples, byte[] out) {
            if (state == null) {
                throw new IllegalStateException("Opus encoder at " + sampleRate + " Hz is closed");
            }
            int length = lib.opus_encode(state, pcm, samples, out, out.length);
            if (length < 0) {
                throw new IllegalStateException("libopus encoder failed on a 20 ms frame at " + sampleRate + " Hz: "
                        + lib.opus_strerror(length));
            }
            return length;
        }

        @Override
        public synchronized int complexity() {
            if (state == null) {
                throw new IllegalStateException("Opus encoder at " + sampleRate + " Hz is closed");
            }
            int[] value = new int[1];
            int result = lib.opus_encoder_ctl(state, LibOpus.OPUS_GET_COMPLEXITY_REQUEST, value);
            if (result != LibOpus.OPUS_OK) {
                throw new IllegalStateException("libopus refused to report its complexity: "
                        + lib.opus_strerror(result));
            }
            return value[0];
        }

        @Override
        public synchronized void close() {
            if (state != null) {
                lib.opus_encoder_destroy(state);
                state = null;
            }
        }
    }

    /** A libopus decoder; errors of {@code opus_decode} become {@link CodecException}. */
    static final class Decoder implements OpusAudioDecoder.Core {
        private final LibOpus lib = library();
        private final int sampleRate;
        private final int channels;
        private Pointer state;

        Decoder(int sampleRate, int channels) {
            this.sampleRate = sampleRate;
            this.channels = channels;
            int[] error = new int[1];
            Pointer created = lib.opus_decoder_create(sampleRate, channels, error);
            if (created == null || error[0] != LibOpus.OPUS_OK) {
                throw new IllegalArgumentException("libopus decoder rejected " + sampleRate + " Hz, " + channels
                        + " channels: " + lib.opus_strerror(error[0]));
            }
            this.state = created;
        }

        @Override
        public synchronized int decode(byte[] data, short[] pcm, int maxSamples, boolean fec) throws CodecException {
            if (state == null) {
                throw new IllegalStateException("Opus decoder at " + sampleRate + " Hz is closed");
            }
            if (pcm.length < maxSamples * channels) {
                throw new IllegalArgumentException("PCM buffer of " + pcm.length + " samples is shorter than "
                        + maxSamples + " x " + channels + " channels");
            }
            int length = data == null ? 0 : data.length;
            int samples = lib.opus_decode(state, data, length, pcm, maxSamples, fec ? 1 : 0);
            if (samples < 0) {
                throw new CodecException("Opus: packet of " + length + " bytes does not decode: "
                        + lib.opus_strerror(samples));
            }
            return samples;
        }

        @Override
        public synchronized void reset() {
            if (state != null) {
                lib.opus_decoder_ctl(state, LibOpus.OPUS_RESET_STATE);
            }
        }

        @Override
        public synchronized void close() {
            if (state != null) {
                lib.opus_decoder_destroy(state);
                state = null;
            }
        }
    }
}
