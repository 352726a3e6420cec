package io.github.rcsoftphone.cli.demo;

import io.github.rcsoftphone.media.audio.AudioAnalysis;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What the demo found in its recording, and whether that is what was sent: the dominant frequency within
 * {@link #TOLERANCE_HZ} of the sent one, and at least half of the sent length recorded.
 *
 * @param recording the WAV file
 * @param sampleRate its sample rate
 * @param seconds its length
 * @param dominantHz its dominant frequency
 * @param levelDbfs its RMS level
 * @param sentHz the dominant frequency of what was sent
 * @param sentSeconds how long the caller played
 */
public record DemoCheck(Path recording, int sampleRate, double seconds, double dominantHz, double levelDbfs,
        double sentHz, double sentSeconds) {

    /** How far the recorded frequency may be from the sent one. */
    public static final double TOLERANCE_HZ = 5.0;

    /** Analyses {@code recording} against what was sent. */
    public static DemoCheck of(Path recording, double sentHz, double sentSeconds) throws IOException {
        short[] pcm = AudioAnalysis.readWav(recording);
        int rate = AudioAnalysis.wavSampleRate(recording);
        double hz = pcm.length == 0 ? 0 : AudioAnalysis.dominantFrequency(pcm, rate);
        double dbfs = pcm.length == 0 ? Double.NEGATIVE_INFINITY : AudioAnalysis.rmsDbfs(pcm);
        return new DemoCheck(recording, rate, pcm.length / (double) rate, hz, dbfs, sentHz, sentSeconds);
    }

    /** True when the recording holds what was sent. */
    public boolean passed() {
        return Math.abs(dominantHz - sentHz) <= TOLERANCE_HZ && seconds >= sentSeconds / 2 && levelDbfs > -50;
    }

    /** One line for a person. */
    public String describe() {
        return String.format(Locale.ROOT, "%.2f s at %d Hz, dominant %.1f Hz, %.1f dBFS", seconds, sampleRate,
                dominantHz, levelDbfs);
    }

    /** Why the check failed, or an empty string when it passed. */
    public String problem() {
        if (levelDbfs <= -50) {
            return "the recording is silent";
        }
        if (seconds < sentSeconds / 2) {
            return String.format(Locale.ROOT, "the recording is %.2f s long, %.1f s were sent", seconds, sentSeconds);
        }
        if (Math.abs(dominantHz - sentHz) > TOLERANCE_HZ) {
            return String.format(Locale.ROOT, "the recording's dominant frequency is %.1f Hz, %.1f Hz was sent",
                    dominantHz, sentHz);
        }
        return "";
    }
}
