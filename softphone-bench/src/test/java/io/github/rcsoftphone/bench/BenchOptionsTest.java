package io.github.rcsoftphone.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rcsoftphone.media.codec.OpusImplementation;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void s2RunsOnEachOpusImplementationWithItsOwnCallCounts() {
        BenchOptions defaults = BenchOptions.parse(new String[0]);
        assertThat(defaults.s2Calls()).containsExactly(10, 50, 150);
        assertThat(defaults.opus()).last().isEqualTo(OpusImplementation.JAVA);
        assertThat(BenchOptions.parse(new String[] {"--quick"}).s2Calls()).containsExactly(2);

        BenchOptions chosen = BenchOptions.parse(new String[] {"--opus", "native, java", "--s2", "5,20"});
        assertThat(chosen.opus()).isEqualTo(List.of(OpusImplementation.NATIVE, OpusImplementation.JAVA));
        assertThat(chosen.s2Calls()).containsExactly(5, 20);
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--opus", "fast"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
