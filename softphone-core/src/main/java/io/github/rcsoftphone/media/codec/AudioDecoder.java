package io.github.rcsoftphone.media.codec;

/**
 * Decodes RTP payloads into 16-bit mono PCM. Stateful and not thread-safe: one per call (a decoder shared by two
 * calls would mix their audio). {@link #close()} when the call ends: a native codec holds native memory until then.
 */
public interface AudioDecoder extends AutoCloseable {

    /** The PCM sample rate of the decoded audio (8000, 16000 or 48000). */
    int sampleRate();

    /**
     * Decodes one payload into all the samples it holds (mono).
     *
     * @throws CodecException if the payload is not valid for this codec; the decoder state is left usable
     */
    short[] decode(byte[] payload) throws CodecException;

    /** 20 ms of concealment for a lost packet (Opus packet loss concealment; G.711 repeats the last frame fading out). */
    short[] conceal();

    /**
     * Recovers a lost 20 ms frame from the packet that followed it (Opus in-band FEC), or conceals it when the codec
     * or the packet carries no redundancy. A next packet that does not decode also falls back to {@link #conceal()}.
     * The caller then decodes {@code nextPayload} itself as usual.
     */
    default short[] recover(byte[] nextPayload) {
        return conceal();
    }

    /** Frees what the decoder holds outside the Java heap (native libopus state); idempotent. Default: nothing. */
    @Override
    default void close() {
    }
}
