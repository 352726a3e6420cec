package io.github.rcsoftphone.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MediaWatchdogTest {
    private static final long S = 1_000_000_000L;

    @Test
    void expiresOnceAfterTheTimeoutWithoutPackets() {
        MediaWatchdog w = new MediaWatchdog(Duration.ofSeconds(20));
        w.watch(true, 0);
        w.heard(5 * S);
        assertThat(w.expired(24 * S)).isFalse();
        assertThat(w.silentNanos(24 * S)).isEqualTo(19 * S);
        assertThat(w.expired(25 * S)).isTrue();
        assertThat(w.expired(26 * S)).as("once").isFalse();
    }

    @Test
    void notWatchingNeverExpiresAndWatchingAgainStartsTheTimeoutAfresh() {
        MediaWatchdog w = new MediaWatchdog(Duration.ofSeconds(20));
        assertThat(w.expired(100 * S)).as("not yet connected").isFalse();
        w.watch(true, 100 * S);
        w.watch(false, 110 * S);    // on hold
        assertThat(w.expired(200 * S)).isFalse();
        w.watch(true, 200 * S);     // resumed
        w.watch(true, 210 * S);     // a second "on" does not restart it
        assertThat(w.expired(219 * S)).isFalse();
        assertThat(w.expired(220 * S)).isTrue();
    }

    @Test
    void zeroSwitchesItOffAndNegativeIsRejected() {
        MediaWatchdog off = new MediaWatchdog(Duration.ZERO);
        off.watch(true, 0);
        assertThat(off.expired(1_000 * S)).isFalse();
        assertThatThrownBy(() -> new MediaWatchdog(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
