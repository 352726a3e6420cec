package io.github.rcsoftphone.media.codec;

/** Test signals and single-frequency measurements. */
final class Signals {

    private Signals() {
    }

    static short[] sine(double hz, int rate, double amplitude, int samples) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return out;
    }

    static short[] slice(short[] pcm, int from, int to) {
        return java.util.Arrays.copyOfRange(pcm, from, to);
    }

    /** The RMS level in dBFS of the component at {@code hz} alone (Hann-windowed single-bin DFT). */
    static double levelAtDb(short[] pcm, int rate, double hz) {
        double re = 0;
        double im = 0;
        double windowSum = 0;
        int n = pcm.length;
        for (int i = 0; i < n; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / (n - 1));
            double phase = 2 * Math.PI * hz * i / rate;
            re += pcm[i] * w * Math.cos(phase);
            im += pcm[i] * w * Math.sin(phase);
            windowSum += w;
        }
        double amplitude = 2 * Math.hypot(re, im) / windowSum;
        return 20 * Math.log10(amplitude / Math.sqrt(2) / 32768.0 + 1e-12);
    }

    static short[] concat(java.util.List<short[]> frames) {
        int total = frames.stream().mapToInt(f -> f.length).sum();
        short[] out = new short[total];
        int at = 0;
        for (short[] f : frames) {
            System.arraycopy(f, 0, out, at, f.length);
            at += f.length;
        }
        return out;
    }
}
