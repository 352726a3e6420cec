package io.github.rcsoftphone.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Choosing the Opus implementation: AUTO falls back, NATIVE fails clearly, JAVA never needs libopus. */
class OpusImplementationTest {

    @Test
    void nativeFailsClearlyWhereLibopusCannotBeLoaded() {
        LibOpus.Loaded missing = LibOpus.Loaded.load(List.of("no-such-opus-library"));
        assertThat(missing.library()).isNull();
        assertThatThrownBy(() -> OpusImplementation.NATIVE.resolve(missing))
                .isInstanceOf(OpusUnavailableException.class).hasMessageContaining("libopus cannot be loaded")
                .hasMessageContaining("no-such-opus-library").hasMessageContaining("libopus0");
        assertThat(OpusImplementation.AUTO.resolve(missing)).isEqualTo(OpusImplementation.JAVA);
        assertThat(OpusImplementation.JAVA.resolve(missing)).isEqualTo(OpusImplementation.JAVA);
    }

    @Test
    void autoFollowsWhatThisMachineHas() {
        OpusImplementation expected = OpusImplementation.nativeAvailable() ? OpusImplementation.NATIVE
                : OpusImplementation.JAVA;
        assertThat(OpusImplementation.AUTO.resolve()).isEqualTo(expected);
        assertThat(OpusImplementation.JAVA.resolve()).isEqualTo(OpusImplementation.JAVA);
        assertThat(AudioCodecs.encoder("opus", 48000, 2).toString()).contains(expected.name().toLowerCase(java.util.Locale.ROOT));
        assertThat(AudioCodecs.decoder("opus", 16000, 1, OpusImplementation.JAVA).toString()).contains("java");
        if (!OpusImplementation.nativeAvailable()) {
            assertThatThrownBy(() -> AudioCodecs.encoder("opus", 48000, 2, OpusImplementation.NATIVE))
                    .isInstanceOf(OpusUnavailableException.class);
        }
    }

    @Test
    void g711IgnoresTheOpusChoice() {
        assertThat(AudioCodecs.encoder("PCMU", 8000, 1, OpusImplementation.NATIVE).frameSamples()).isEqualTo(160);
        assertThatThrownBy(() -> AudioCodecs.decoder("opus", 48000, 2, null)).isInstanceOf(NullPointerException.class);
    }
}
