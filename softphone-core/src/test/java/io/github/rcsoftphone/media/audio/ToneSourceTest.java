package io.github.rcsoftphone.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ToneSourceTest {

    @ParameterizedTest
    @CsvSource({"440, 8000, 160", "1000, 48000, 960", "3999, 8000, 7", "0, 16000, 320"})
    void samplesStayWithinOneStepOfTheExactSineOverTenMinutes(double hz, int rate, int chunk) {
        ToneSource tone = new ToneSource(hz, rate, 0.5, null);
        double amplitude = 0.5 * Short.MAX_VALUE;
        long n = 0;
        long total = 600L * rate;
        int worst = 0;
        while (n < total) {
            short[] got = tone.read(chunk);
            for (short s : got) {
                double exact = amplitude * Math.sin(2 * Math.PI * hz * (n % rate) / rate + 2 * Math.PI * hz * (n / rate));
                worst = Math.max(worst, (int) Math.abs(s - Math.round(exact)));
                n++;
            }
        }
        assertThat(worst).isLessThanOrEqualTo(1);
    }

    @Test
    void aToneOfAGivenLengthEnds() {
        ToneSource tone = new ToneSource(440, 8000, 0.3, Duration.ofMillis(30));
        assertThat(tone.read(160)).hasSize(160);
        assertThat(tone.read(160)).hasSize(80);
        assertThat(tone.read(160)).isNull();
    }

    @Test
    void badArgumentsAreRefused() {
        assertThatThrownBy(() -> new ToneSource(5000, 8000, 0.3, null)).hasMessageContaining("outside");
        assertThatThrownBy(() -> new ToneSource(440, 8000, 1.5, null)).hasMessageContaining("amplitude");
    }
}
