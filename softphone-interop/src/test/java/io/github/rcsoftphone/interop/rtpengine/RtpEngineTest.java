package io.github.rcsoftphone.interop.rtpengine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RtpEngineTest {

    @Test
    void startsAnswersAndStopsWithoutLeftovers() throws Exception {
        RtpEngine rtp = RtpEngine.start(RtpEngine.Options.defaults());
        ProcessHandle handle;
        Path dir;
        try {
            assertThat(rtp.running()).isTrue();
            assertThat(rtp.ngSocket()).isEqualTo("udp:127.0.0.1:2223");
            assertThat(rtp.calls()).isEmpty();
            assertThat(rtp.logTail(20)).contains("Startup complete");
            handle = rtp.process().orElseThrow();
            dir = rtp.log().getParent();
        } finally {
            rtp.close();
        }
        assertThat(handle.isAlive()).isFalse();
        assertThat(rtp.running()).isFalse();
        assertThat(Files.exists(dir)).isFalse();
        assertThat(new NgClient("127.0.0.1", 2223).ping(java.time.Duration.ofMillis(300))).isFalse();
        rtp.close(); // idempotent
    }

    @Test
    void refusesToStartWhenAnotherAnswers() throws Exception {
        try (RtpEngine first = RtpEngine.start(RtpEngine.Options.defaults())) {
            assertThatThrownBy(() -> RtpEngine.start(RtpEngine.Options.defaults()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("already answers");
            assertThat(first.running()).isTrue();
        }
    }
}
