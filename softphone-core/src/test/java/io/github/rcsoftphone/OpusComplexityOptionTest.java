package io.github.rcsoftphone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rcsoftphone.media.codec.AudioCodecs;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Softphone.Builder.opusComplexity}: default, validation, and what the built softphone is configured with. */
class OpusComplexityOptionTest {
    private static final SipInfo INFO = new SipInfo("sip.test", "127.0.0.1:5060", "16505550100", "pw", "802398804016",
            TransportKind.TCP, null, List.of());

    @Test
    void defaultsToFiveAndKeepsWhatIsAskedFor() {
        try (Softphone plain = Softphone.builder().sipInfo(INFO).build();
                Softphone cheap = Softphone.builder().sipInfo(INFO).opusComplexity(0).build()) {
            assertThat(plain.config().opusComplexity()).isEqualTo(AudioCodecs.DEFAULT_OPUS_COMPLEXITY);
            assertThat(cheap.config().opusComplexity()).isZero();
        }
    }

    @Test
    void refusesComplexitiesOutsideZeroToTen() {
        assertThatThrownBy(() -> Softphone.builder().opusComplexity(11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0..10");
        assertThatThrownBy(() -> Softphone.builder().opusComplexity(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
