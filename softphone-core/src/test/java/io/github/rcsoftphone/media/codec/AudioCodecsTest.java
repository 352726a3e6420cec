package io.github.rcsoftphone.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The rtpmap factory. */
class AudioCodecsTest {

    @Test
    void supportsTheRingCentralCodecs() {
        assertThat(AudioCodecs.supports("opus", 48000, 2)).isTrue();
        assertThat(AudioCodecs.supports("OPUS", 16000, 0)).isTrue();
        assertThat(AudioCodecs.supports("Opus", 16000, 1)).isTrue();
        assertThat(AudioCodecs.supports("PCMU", 8000, 1)).isTrue();
        assertThat(AudioCodecs.supports("pcma", 8000, 0)).isTrue();
        assertThat(AudioCodecs.supports("g729", 8000, 1)).isFalse();
        assertThat(AudioCodecs.supports("G722", 8000, 1)).isFalse();
        assertThat(AudioCodecs.supports("telephone-event", 8000, 1)).isFalse();
        assertThat(AudioCodecs.supports("PCMU", 16000, 1)).isFalse();
        assertThat(AudioCodecs.supports("PCMU", 8000, 2)).isFalse();
        assertThat(AudioCodecs.supports("opus", 44100, 2)).isFalse();
        assertThat(AudioCodecs.supports(null, 8000, 1)).isFalse();
    }

    @Test
    void timestampStepsPer20Ms() {
        assertThat(AudioCodecs.rtpTimestampStep("PCMU", 8000)).isEqualTo(160);
        assertThat(AudioCodecs.rtpTimestampStep("PCMA", 8000)).isEqualTo(160);
        assertThat(AudioCodecs.rtpTimestampStep("opus", 48000)).isEqualTo(960);
        assertThat(AudioCodecs.rtpTimestampStep("OPUS", 16000)).isEqualTo(320);
        assertThat(AudioCodecs.rtpTimestampStep("telephone-event", 8000)).isEqualTo(160);
        assertThatThrownBy(() -> AudioCodecs.rtpTimestampStep("G729", 8000))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyCallGetsNewInstances() {
        for (String name : new String[] {"opus", "PCMU", "PCMA"}) {
            int rate = name.equals("opus") ? 48000 : 8000;
            assertThat(AudioCodecs.encoder(name, rate, 1)).isNotSameAs(AudioCodecs.encoder(name, rate, 1));
            assertThat(AudioCodecs.decoder(name, rate, 1)).isNotSameAs(AudioCodecs.decoder(name, rate, 1));
        }
    }

    @Test
    void codecRatesFollowTheRtpmap() {
        assertThat(AudioCodecs.encoder("opus", 48000, 2).sampleRate()).isEqualTo(48000);
        assertThat(AudioCodecs.decoder("opus", 16000, 1).sampleRate()).isEqualTo(16000);
        assertThat(AudioCodecs.encoder("PCMU", 8000, 1).frameSamples()).isEqualTo(160);
        assertThat(AudioCodecs.decoder("PCMA", 8000, 1).sampleRate()).isEqualTo(8000);
    }

    @Test
    void unsupportedRtpmapsAreRejectedWithTheName() {
        assertThatThrownBy(() -> AudioCodecs.encoder("G729", 8000, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("G729/8000");
        assertThatThrownBy(() -> AudioCodecs.decoder("opus", 8000, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("opus/8000/1");
    }
}
