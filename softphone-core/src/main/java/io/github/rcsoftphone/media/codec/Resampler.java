package io.github.rcsoftphone.media.codec;

/**
 * Streaming sample-rate converter between 8000, 16000 and 48000 Hz: a polyphase windowed-sinc (Kaiser) low-pass
 * filter, interpolating by L and decimating by M with {@code to/from = L/M}. Pass-band flat to 0.45 of the lower
 * rate, stop-band from 0.55 of the lower rate at least 60 dB down (designed for 70 dB), so a tone above the output's
 * Nyquist frequency is removed instead of folding back. The filter delays the signal by a fixed amount (about 2.7 ms
 * for 48k to 8k).
 *
 * <p>Stateful (it keeps the filter history across calls) and not thread-safe: use one per direction per call.
 * Over time {@link #process} returns exactly {@code in.length * to / from} samples (rounded up so far); for 20 ms
 * frames at these rates every call returns exactly one 20 ms frame at the output rate.
 */
public final class Resampler {

    private static final double STOPBAND_DB = 70.0;

    private final int fromRate;
    private final int toRate;
    private final int up;
    private final int down;
    private final int taps;
    /** phases[p][k] = h[k * up + p]. */
    private final double[][] phases;
    private final double[] history;
    private long inputCount;
    private long outputCount;

    /**
     * A converter from {@code fromRate} to {@code toRate}, each one of 8000, 16000, 48000 (equal rates copy).
     *
     * @throws IllegalArgumentException for any other rate
     */
    public Resampler(int fromRate, int toRate) {
        checkRate(fromRate);
        checkRate(toRate);
        this.fromRate = fromRate;
        this.toRate = toRate;
        int gcd = gcd(fromRate, toRate);
        this.up = toRate / gcd;
        this.down = fromRate / gcd;
        if (fromRate == toRate) {
            taps = 1;
            phases = new double[][] {{1.0}};
        } else {
            double upRate = (double) fromRate * up;
            int minRate = Math.min(fromRate, toRate);
            double transition = 0.1 * minRate;
            double cutoff = 0.5 * minRate;
            double deltaOmega = 2 * Math.PI * transition / upRate;
            int length = (int) Math.ceil((STOPBAND_DB - 7.95) / (2.285 * deltaOmega)) + 1;
            taps = (length + up - 1) / up;
            phases = design(taps * up, cutoff / upRate, up);
        }
        history = new double[taps - 1];
    }

    private static double[][] design(int length, double normalizedCutoff, int up) {
        double beta = 0.1102 * (STOPBAND_DB - 8.7);
        double center = (length - 1) / 2.0;
        double[] h = new double[length];
        double sum = 0;
        for (int n = 0; n < length; n++) {
            double x = n - center;
            double sinc = x == 0 ? 2 * normalizedCutoff
                    : Math.sin(2 * Math.PI * normalizedCutoff * x) / (Math.PI * x);
            double ratio = x / center;
            double window = besselI0(beta * Math.sqrt(Math.max(0, 1 - ratio * ratio))) / besselI0(beta);
            h[n] = sinc * window;
            sum += h[n];
        }
        int taps = length / up;
        double[][] phases = new double[up][taps];
        for (int n = 0; n < length; n++) {
            phases[n % up][n / up] = h[n] * up / sum;
        }
        return phases;
    }

    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double half = x / 2;
        for (int k = 1; k < 50; k++) {
            term *= (half / k) * (half / k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    /** The input rate. */
    public int fromRate() {
        return fromRate;
    }

    /** The output rate. */
    public int toRate() {
        return toRate;
    }

    /** Whether input and output rates are equal: {@link #process} then returns a copy of its input. */
    public boolean isIdentity() {
        return fromRate == toRate;
    }

    /** Converts the next block of input; returns every output sample that the input so far determines. */
    public short[] process(short[] in) {
        if (fromRate == toRate) {
            inputCount += in.length;
            outputCount += in.length;
            return in.clone();
        }
        int keep = taps - 1;
        double[] buf = new double[keep + in.length];
        System.arraycopy(history, 0, buf, 0, keep);
        for (int i = 0; i < in.length; i++) {
            buf[keep + i] = in[i];
        }
        long inputEnd = inputCount + in.length;
        long outputEnd = (inputEnd * up + down - 1) / down;
        short[] out = new short[(int) (outputEnd - outputCount)];
        for (int o = 0; o < out.length; o++) {
            long t = (outputCount + o) * down;
            int base = (int) (t / up - inputCount) + keep;
            double[] h = phases[(int) (t % up)];
            double acc = 0;
            for (int k = 0; k < h.length; k++) {
                acc += h[k] * buf[base - k];
            }
            long rounded = Math.round(acc);
            out[o] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
        }
        System.arraycopy(buf, buf.length - keep, history, 0, keep);
        inputCount = inputEnd;
        outputCount = outputEnd;
        return out;
    }

    private static void checkRate(int rate) {
        if (rate != 8000 && rate != 16000 && rate != 48000) {
            throw new IllegalArgumentException("resampler rate " + rate + " Hz not supported (8000, 16000, 48000)");
        }
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    @Override
    public String toString() {
        return "Resampler " + fromRate + " -> " + toRate + " Hz (" + taps * up + " taps)";
    }
}
