package io.github.rcsoftphone.media.rtp;

/** Big-endian field access and range checks shared by the codecs. */
final class Bytes {

    static final long U32_MASK = 0xFFFF_FFFFL;

    private Bytes() {
    }

    static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | b[i + 1] & 0xFF;
    }

    static long u32(byte[] b, int i) {
        return ((long) u16(b, i) << 16 | u16(b, i + 2)) & U32_MASK;
    }

    static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    static void put32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    static long requireU32(String what, long v) {
        if (v < 0 || v > U32_MASK) {
            throw new IllegalArgumentException(what + " must be an unsigned 32-bit value: " + v);
        }
        return v;
    }

    static int requireRange(String what, int v, int min, int max) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " must be in " + min + ".." + max + ": " + v);
        }
        return v;
    }

    static int padTo4(int n) {
        return (n + 3) & ~3;
    }
}
