package io.github.rcsoftphone.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SeqRingTest {

    private static RtpPacket packet(long ext) {
        return new RtpPacket(false, 0, (int) (ext & 0xFFFF), 0, 1, java.util.List.of(), new byte[] {(byte) ext});
    }

    @Test
    void behavesLikeASortedMapForKeysWithinItsSpan() {
        SeqRing ring = new SeqRing(251);
        assertThat(ring.capacity()).isEqualTo(256);
        TreeMap<Long, RtpPacket> model = new TreeMap<>();
        Random random = new Random(7);
        long base = 65_000;
        for (int i = 0; i < 200_000; i++) {
            int op = random.nextInt(10);
            if (op < 5) {
                long lo = model.isEmpty() ? base : model.lastKey() - 200;
                long key = Math.max(lo, base + random.nextInt(40) - 10);
                if (!model.containsKey(key)) {
                    List<RtpPacket> evicted = new ArrayList<>();
                    RtpPacket p = packet(key);
                    ring.put(key, p, evicted::add);
                    assertThat(evicted).isEmpty();
                    model.put(key, p);
                }
                base++;
            } else if (op < 8 && !model.isEmpty()) {
                long key = model.firstKey() + random.nextInt(4);
                assertThat(ring.remove(key)).isSameAs(model.remove(key));
            } else if (!model.isEmpty()) {
                assertThat(ring.pollFirst()).isSameAs(model.pollFirstEntry().getValue());
            }
            assertThat(ring.size()).isEqualTo(model.size());
            if (!model.isEmpty()) {
                assertThat(ring.firstKey()).isEqualTo(model.firstKey());
                long probe = model.firstKey() + random.nextInt(30);
                assertThat(ring.get(probe)).isSameAs(model.get(probe));
            }
        }
    }

    @Test
    void aKeyFarAheadEvictsTheOldestInOrder() {
        SeqRing ring = new SeqRing(8);
        for (long k = 100; k < 105; k++) {
            ring.put(k, packet(k), p -> { throw new AssertionError("nothing to evict"); });
        }
        List<RtpPacket> evicted = new ArrayList<>();
        ring.put(110, packet(110), evicted::add);   // 110 - 102 = 8: 100, 101 and 102 go
        assertThat(evicted).extracting(RtpPacket::sequenceNumber).containsExactly(100, 101, 102);
        assertThat(ring.firstKey()).isEqualTo(103);
        ring.put(5000, packet(5000), evicted::add);
        assertThat(evicted).extracting(RtpPacket::sequenceNumber).containsExactly(100, 101, 102, 103, 104, 110);
        assertThat(ring.size()).isEqualTo(1);
        assertThat(ring.firstKey()).isEqualTo(5000);
        assertThatThrownBy(() -> ring.put(4992, packet(4992), p -> { })).isInstanceOf(IllegalArgumentException.class);
        ring.clear();
        assertThat(ring.isEmpty()).isTrue();
        assertThatThrownBy(ring::firstKey).isInstanceOf(IllegalStateException.class);
    }
}
