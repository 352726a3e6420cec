package io.github.rcsoftphone.media.audio;

/** A pull source of 16-bit mono PCM at a fixed sample rate. Not thread-safe. */
public interface AudioSource extends AutoCloseable {

    /** The sample rate of what {@link #read} returns. */
    int sampleRate();

    /**
     * The next {@code samples} samples; fewer only at the end of the source, {@code null} once it has ended.
     *
     * @throws IllegalArgumentException if {@code samples} is not positive
     */
    short[] read(int samples);

    /** Releases what the source holds (a file); the default does nothing. */
    @Override
    default void close() {
    }
}
