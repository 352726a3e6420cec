package io.github.rcsoftphone.media.rtp;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The packets of a jitter buffer by extended sequence number, in a ring: what a sorted map would do for keys that
 * lie within {@code capacity} of each other, without a node or a boxed key per packet. A key that does not fit
 * (more than {@code capacity - 1} above the lowest held) first evicts the lowest keys until it does.
 * Not thread-safe.
 */
final class SeqRing {
    private final RtpPacket[] slots;
    private final int mask;
    private int size;
    private long first; // lowest key held (valid when size > 0)
    private long last;  // highest key held (valid when size > 0)

    /** A ring for keys spanning at most {@code span} (rounded up to a power of two). */
    SeqRing(int span) {
        if (span < 1 || span > 1 << 20) {
            throw new IllegalArgumentException("span out of range: " + span);
        }
        int capacity = Integer.highestOneBit(span - 1 | 1) << 1;
        slots = new RtpPacket[Math.max(2, capacity)];
        mask = slots.length - 1;
    }

    /** How far apart the lowest and highest key may be, plus one. */
    int capacity() {
        return slots.length;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The lowest key held; only when not empty. */
    long firstKey() {
        if (size == 0) {
            throw new IllegalStateException("empty");
        }
        return first;
    }

    boolean containsKey(long key) {
        return get(key) != null;
    }

    /** The packet at {@code key}, or null. */
    RtpPacket get(long key) {
        if (size == 0 || key < first || key > last) {
            return null;
        }
        return slots[(int) (key & mask)];
    }

    /**
     * Stores {@code p} at {@code key} (which must not be held yet, nor lie {@code capacity} or more below the
     * highest key). Keys {@code capacity} or more below {@code key} are removed first and given to {@code evicted}
     * in order.
     */
    void put(long key, RtpPacket p, Consumer<RtpPacket> evicted) {
        if (size == 0) {
            first = key;
            last = key;
        } else {
            if (key <= last - slots.length) {
                throw new IllegalArgumentException("key " + key + " is too far below " + last);
            }
            while (size > 0 && key - first >= slots.length) {
                evicted.accept(pollFirst());
            }
            if (size == 0) {
                first = key;
                last = key;
            } else {
                first = Math.min(first, key);
                last = Math.max(last, key);
            }
        }
        slots[(int) (key & mask)] = p;
        size++;
    }

    /** Removes and returns the packet at {@code key}, or null. */
    RtpPacket remove(long key) {
        RtpPacket p = get(key);
        if (p == null) {
            return null;
        }
        slots[(int) (key & mask)] = null;
        size--;
        if (size > 0) {
            if (key == first) {
                first = next(key + 1);
            } else if (key == last) {
                last = previous(key - 1);
            }
        }
        return p;
    }

    /** Removes and returns the packet with the lowest key; only when not empty. */
    RtpPacket pollFirst() {
        return remove(firstKey());
    }

    void clear() {
        if (size > 0) {
            Arrays.fill(slots, null);
            size = 0;
        }
    }

    /** The lowest key held at or above {@code from} (one is, as size > 0 and the last key is held). */
    private long next(long from) {
        long k = from;
        while (slots[(int) (k & mask)] == null) {
            k++;
        }
        return k;
    }

    /** The highest key held at or below {@code from}. */
    private long previous(long from) {
        long k = from;
        while (slots[(int) (k & mask)] == null) {
            k--;
        }
        return k;
    }
}
