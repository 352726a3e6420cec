package io.github.rcsoftphone.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FigureTest {

    @Test
    void minMedianMaxAndVerdict() {
        Figure f = new Figure("S3", "x", "s", List.of(9.0, 12.0, 3.0), Target.atMost(10));
        assertThat(f.min()).isEqualTo(3.0);
        assertThat(f.median()).isEqualTo(9.0);
        assertThat(f.max()).isEqualTo(12.0);
        assertThat(f.verdict()).isEqualTo("met");
        assertThat(new Figure("S3", "x", "s", List.of(11.0, 12.0), Target.atMost(10)).verdict()).isEqualTo("MISSED");
    }

    @Test
    void aFailedRunIsAMiss() {
        Figure f = new Figure("S1", "x", "ms", List.of(0.5, Double.NaN, 0.4), Target.atMost(1));
        assertThat(f.median()).isNaN();
        assertThat(f.min()).isEqualTo(0.4);
        assertThat(f.verdict()).isEqualTo("MISSED");
        assertThat(new Figure("S1", "x", "ms", List.of(1.0), null).verdict()).isEmpty();
    }

    @Test
    void percentiles() {
        assertThat(CallScenario.percentile("5,1,3,2,4", 50)).isEqualTo(3.0);
        assertThat(CallScenario.percentile("5,1,3,2,4", 95)).isEqualTo(5.0);
        assertThat(CallScenario.percentile("-", 50)).isNaN();
    }

    @Test
    void formatting() {
        assertThat(Figure.format(1_234_567)).isEqualTo("1,234,567");
        assertThat(Figure.format(12.345)).isEqualTo("12.3");
        assertThat(Figure.format(0.01234)).isEqualTo("0.0123");
        assertThat(Figure.format(Double.NaN)).isEqualTo("n/a");
    }
}
