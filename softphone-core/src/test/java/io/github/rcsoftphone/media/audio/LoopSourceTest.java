package io.github.rcsoftphone.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoopSourceTest {

    @Test
    void readsWrapAroundTheLoopAcrossAnyChunkSize() {
        LoopSource loop = new LoopSource(new short[] {1, 2, 3}, 8000, null);
        assertThat(loop.read(2)).containsExactly(1, 2);
        assertThat(loop.read(5)).containsExactly(3, 1, 2, 3, 1);
        assertThat(loop.read(1)).containsExactly(2);
    }

    @Test
    void theLoopIsACopyOfTheCallersArray() {
        short[] samples = {1, 2};
        LoopSource loop = new LoopSource(samples, 8000, null);
        samples[0] = 9;
        assertThat(loop.read(2)).containsExactly(1, 2);
    }

    @Test
    void aLoopOfAGivenLengthEnds() {
        LoopSource loop = new LoopSource(new short[] {1, 2, 3}, 1000, Duration.ofMillis(4));
        assertThat(loop.read(3)).containsExactly(1, 2, 3);
        assertThat(loop.read(3)).containsExactly(1);
        assertThat(loop.read(3)).isNull();
    }

    @Test
    void oneSecondOfAWholeHertzToneLoopsLikeTheToneItself() {
        LoopSource loop = LoopSource.of(new ToneSource(440, 8000, 0.3, null), Duration.ofSeconds(1));
        ToneSource tone = new ToneSource(440, 8000, 0.3, null);
        for (int i = 0; i < 150; i++) {   // 3 s: across two seams
            short[] expected = tone.read(160);
            short[] got = loop.read(160);
            for (int k = 0; k < 160; k++) {
                assertThat(Math.abs(got[k] - expected[k])).as("frame %d sample %d", i, k).isLessThanOrEqualTo(1);
            }
        }
        assertThat(loop.sampleRate()).isEqualTo(8000);
    }

    @Test
    void refusesEmptyLoopsAndSourcesShorterThanTheLoop() {
        assertThatThrownBy(() -> new LoopSource(new short[0], 8000, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one sample");
        assertThatThrownBy(() -> LoopSource.of(new SilenceSource(8000, Duration.ofMillis(10)), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ended after 80 of 8000");
        assertThatThrownBy(() -> LoopSource.of(new SilenceSource(8000), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
