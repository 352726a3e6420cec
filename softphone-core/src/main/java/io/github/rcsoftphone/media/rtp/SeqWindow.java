package io.github.rcsoftphone.media.rtp;

import java.util.Arrays;

/** Remembers which extended sequence numbers were seen among the most recent {@code size} (a power of two). */
final class SeqWindow {

    private final long[] slots;
    private final int mask;

    SeqWindow(int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two: " + size);
        }
        slots = new long[size];
        mask = size - 1;
        clear();
    }

    boolean contains(long ext) {
        return slots[(int) (ext & mask)] == ext;
    }

    void add(long ext) {
        slots[(int) (ext & mask)] = ext;
    }

    void clear() {
        Arrays.fill(slots, Long.MIN_VALUE);
    }
}
