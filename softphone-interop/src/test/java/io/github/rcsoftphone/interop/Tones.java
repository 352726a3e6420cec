package io.github.rcsoftphone.interop;

import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.media.audio.WavWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** Tone files for peers that play a WAV as their microphone (baresip) or for the softphone's prompt. */
final class Tones {
    private Tones() {
    }

    /** Writes {@code length} of a {@code hz} sine at half scale, mono 16-bit at {@code rate}, to {@code wav}. */
    static Path wav(Path wav, int hz, int rate, Duration length) throws IOException {
        try (var tone = new ToneSource(hz, rate, 0.5, length); var writer = new WavWriter(wav, rate)) {
            for (short[] pcm = tone.read(rate); pcm != null; pcm = tone.read(rate)) {
                writer.write(pcm);
            }
        }
        return wav;
    }
}
