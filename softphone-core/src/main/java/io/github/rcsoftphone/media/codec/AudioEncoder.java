package io.github.rcsoftphone.media.codec;

/**
 * Encodes 20 ms frames of 16-bit mono PCM into RTP payloads. Stateful and not thread-safe: one per call.
 * {@link #close()} when the call ends: a native codec holds native memory until then.
 */
public interface AudioEncoder extends AutoCloseable {

    /** The PCM sample rate this encoder expects (8000, 16000 or 48000). */
    int sampleRate();

    /** Samples in one 20 ms frame at {@link #sampleRate()}. */
    int frameSamples();

    /**
     * Encodes one frame of {@link #frameSamples()} samples into one RTP payload.
     *
     * @throws IllegalArgumentException if the codec needs exactly one frame and {@code pcm20ms} has another length
     */
    byte[] encode(short[] pcm20ms);

    /** Frees what the encoder holds outside the Java heap (native libopus state); idempotent. Default: nothing. */
    @Override
    default void close() {
    }
}
