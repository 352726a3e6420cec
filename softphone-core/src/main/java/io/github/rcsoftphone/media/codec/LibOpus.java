package io.github.rcsoftphone.media.codec;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The libopus functions the native codecs use, bound with JNA (interface mapping: a call costs a few microseconds,
 * an encoded 20 ms frame about 200). Constants are libopus's ({@code opus_defines.h}).
 */
interface LibOpus extends Library {

    int OPUS_OK = 0;
    int OPUS_APPLICATION_VOIP = 2048;
    int OPUS_SET_BITRATE_REQUEST = 4002;
    int OPUS_SET_COMPLEXITY_REQUEST = 4010;
    int OPUS_GET_COMPLEXITY_REQUEST = 4011;
    int OPUS_SET_INBAND_FEC_REQUEST = 4012;
    int OPUS_SET_PACKET_LOSS_PERC_REQUEST = 4014;
    int OPUS_SET_SIGNAL_REQUEST = 4024;
    int OPUS_RESET_STATE = 4028;
    int OPUS_SIGNAL_VOICE = 3001;

    /** {@code error}: an {@code int*} as a one-element array (no JNA Memory, so no JNA cleaner thread). */
    Pointer opus_encoder_create(int sampleRate, int channels, int application, int[] error);

    int opus_encoder_ctl(Pointer encoder, int request, Object... args);

    int opus_encode(Pointer encoder, short[] pcm, int frameSize, byte[] data, int maxDataBytes);

    void opus_encoder_destroy(Pointer encoder);

    Pointer opus_decoder_create(int sampleRate, int channels, int[] error);

    int opus_decoder_ctl(Pointer decoder, int request, Object... args);

    int opus_decode(Pointer decoder, byte[] data, int length, short[] pcm, int frameSize, int decodeFec);

    void opus_decoder_destroy(Pointer decoder);

    String opus_strerror(int error);

    /** The bytes of an encoder state for {@code channels} (what {@code opus_encoder_create} allocates). */
    int opus_encoder_get_size(int channels);

    /** The bytes of a decoder state for {@code channels}. */
    int opus_decoder_get_size(int channels);

    String opus_get_version_string();

    /**
     * The outcome of loading libopus: the binding, or why it could not be loaded ({@code problem}).
     *
     * @param library the binding, null when libopus cannot be loaded
     * @param problem why it cannot be loaded, null when it can
     */
    record Loaded(LibOpus library, String problem) {

        /** Tried in order: JNA's own search (finds {@code libopus.so.0} on Debian too), then the soname itself. */
        static final List<String> NAMES = List.of("opus", "libopus.so.0");

        /** The first of {@code names} that loads (logged at debug: which library, or why none). */
        static Loaded load(List<String> names) {
            Logger log = LoggerFactory.getLogger(LibOpus.class);
            StringBuilder problem = new StringBuilder();
            for (String name : names) {
                try {
                    LibOpus candidate = Native.load(name, LibOpus.class);
                    log.debug("Opus: native {} loaded as '{}'", candidate.opus_get_version_string(), name);
                    return new Loaded(candidate, null);
                } catch (LinkageError | RuntimeException e) {
                    problem.append(problem.length() == 0 ? "" : "; ").append(name).append(": ").append(e.getMessage());
                }
            }
            log.debug("Opus: libopus cannot be loaded ({}); the pure-Java codec (concentus) is used", problem);
            return new Loaded(null, problem.toString());
        }

        /** libopus of this JVM, loaded once on first use (the library is process-wide anyway; immutable after). */
        static Loaded system() {
            return Holder.SYSTEM;
        }

        /** The binding. @throws OpusUnavailableException when libopus cannot be loaded */
        LibOpus require() {
            if (library == null) {
                throw new OpusUnavailableException("native Opus was asked for but libopus cannot be loaded ("
                        + problem + "); install libopus (Debian/Ubuntu: libopus0) or use OpusImplementation.AUTO or "
                        + "JAVA");
            }
            return library;
        }
    }

    /** Initialisation-on-demand holder of {@link Loaded#system()}. */
    final class Holder {
        private static final Loaded SYSTEM = Loaded.load(Loaded.NAMES);

        private Holder() {
        }
    }
}
