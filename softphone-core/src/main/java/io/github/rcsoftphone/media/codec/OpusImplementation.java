package io.github.rcsoftphone.media.codec;

/**
 * Which Opus codec a softphone's calls use. Both behave the same (48 or 16 kHz, mono encoding, VOIP application,
 * complexity 5, 32 kbit/s, in-band FEC, stereo packets down-mixed to mono) and interoperate; the native one costs
 * about a tenth of the CPU. Set it with {@code Softphone.Builder.opus(...)}; default {@link #AUTO}.
 */
public enum OpusImplementation {
    /** Native libopus when it can be loaded (Debian/Ubuntu: package {@code libopus0}), pure Java otherwise. */
    AUTO,
    /** Native libopus through JNA; fails at build time when libopus cannot be loaded. */
    NATIVE,
    /** Pure Java (concentus): no native library needed, about ten times the CPU per frame. */
    JAVA;

    /** Whether libopus can be loaded in this JVM (tried once; the answer does not change). */
    public static boolean nativeAvailable() {
        return LibOpus.Loaded.system().library() != null;
    }

    /**
     * The implementation calls will use: {@link #NATIVE} or {@link #JAVA}; {@link #AUTO} becomes {@link #NATIVE}
     * when libopus loads.
     *
     * @throws OpusUnavailableException for {@link #NATIVE} when libopus cannot be loaded
     */
    public OpusImplementation resolve() {
        return resolve(LibOpus.Loaded.system());
    }

    /** {@link #resolve()} against {@code libopus}. */
    OpusImplementation resolve(LibOpus.Loaded libopus) {
        return switch (this) {
            case JAVA -> JAVA;
            case AUTO -> libopus.library() != null ? NATIVE : JAVA;
            case NATIVE -> {
                libopus.require();
                yield NATIVE;
            }
        };
    }
}
