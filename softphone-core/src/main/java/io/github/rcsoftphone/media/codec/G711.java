package io.github.rcsoftphone.media.codec;

/**
 * G.711 µ-law and A-law conversion of single samples by table lookup (ITU-T G.711, the classic Sun segment
 * encoding on 16-bit input). Bit-identical to the JDK's {@code javax.sound.sampled} converters except where those
 * overflow: the JDK's µ-law wraps magnitudes above 32635 to near-zero codes (here they clip) and its A-law turns
 * -1..-7 into -248 (here they give the smallest negative code). The tables are computed once and never change.
 * Use {@link AudioCodecs} for RTP payloads; this class is for files and tests.
 */
public final class G711 {

    private static final int ULAW_BIAS = 0x84;

    private static final byte[] LINEAR_TO_ULAW = new byte[65536];
    private static final byte[] LINEAR_TO_ALAW = new byte[65536];
    private static final short[] ULAW_TO_LINEAR = new short[256];
    private static final short[] ALAW_TO_LINEAR = new short[256];

    static {
        for (int i = 0; i < 65536; i++) {
            short sample = (short) i;
            LINEAR_TO_ULAW[i] = (byte) ulawEncode(sample);
            LINEAR_TO_ALAW[i] = (byte) alawEncode(sample);
        }
        for (int code = 0; code < 256; code++) {
            ULAW_TO_LINEAR[code] = (short) ulawDecode(code);
            ALAW_TO_LINEAR[code] = (short) alawDecode(code);
        }
    }

    private G711() {
    }

    /** The µ-law code of a 16-bit sample. */
    public static byte linearToUlaw(short sample) {
        return LINEAR_TO_ULAW[sample & 0xFFFF];
    }

    /** The A-law code of a 16-bit sample. */
    public static byte linearToAlaw(short sample) {
        return LINEAR_TO_ALAW[sample & 0xFFFF];
    }

    /** The 16-bit sample of a µ-law code. */
    public static short ulawToLinear(byte code) {
        return ULAW_TO_LINEAR[code & 0xFF];
    }

    /** The 16-bit sample of an A-law code. */
    public static short alawToLinear(byte code) {
        return ALAW_TO_LINEAR[code & 0xFF];
    }

    /** Index of the first segment whose end is >= value, or 8 when above all of them. */
    private static int segment(int value, int firstEnd) {
        int end = firstEnd;
        for (int seg = 0; seg < 8; seg++) {
            if (value <= end) {
                return seg;
            }
            end = (end << 1) | 1;
        }
        return 8;
    }

    private static int ulawEncode(int sample) {
        int mask;
        int magnitude;
        if (sample < 0) {
            magnitude = ULAW_BIAS - sample;
            mask = 0x7F;
        } else {
            magnitude = sample + ULAW_BIAS;
            mask = 0xFF;
        }
        int seg = segment(magnitude, 0xFF);
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        return ((seg << 4) | ((magnitude >> (seg + 3)) & 0x0F)) ^ mask;
    }

    private static int ulawDecode(int code) {
        int u = ~code & 0xFF;
        int t = ((u & 0x0F) << 3) + ULAW_BIAS;
        t <<= (u & 0x70) >> 4;
        return (u & 0x80) != 0 ? ULAW_BIAS - t : t - ULAW_BIAS;
    }

    private static int alawEncode(int sample) {
        int mask;
        int magnitude;
        if (sample >= 0) {
            mask = 0xD5;
            magnitude = sample;
        } else {
            mask = 0x55;
            magnitude = Math.max(0, -sample - 8);
        }
        int seg = segment(magnitude, 0xFF);
        if (seg >= 8) {
            return 0x7F ^ mask;
        }
        int shift = seg < 2 ? 4 : seg + 3;
        return ((seg << 4) | ((magnitude >> shift) & 0x0F)) ^ mask;
    }

    private static int alawDecode(int code) {
        int a = (code ^ 0x55) & 0xFF;
        int t = (a & 0x0F) << 4;
        int seg = (a & 0x70) >> 4;
        if (seg == 0) {
            t += 8;
        } else {
            t += 0x108;
            t <<= seg - 1;
        }
        return (a & 0x80) != 0 ? t : -t;
    }
}
