package io.github.rcsoftphone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogSetupTest {

    @Test
    void verboseIsFoundAnywhereBeforeDoubleDash() {
        assertThat(LogSetup.verboseRequested(new String[] {"--verbose", "register"})).isTrue();
        assertThat(LogSetup.verboseRequested(new String[] {"register", "--once", "-v"})).isTrue();
        assertThat(LogSetup.verboseRequested(new String[] {"register", "--once"})).isFalse();
        assertThat(LogSetup.verboseRequested(new String[] {"register", "--", "--verbose"})).isFalse();
    }

    @Test
    void quietByDefaultWireDebugWhenVerboseAllOnStderr() {
        assertThat(LogSetup.properties(false))
                .containsEntry("org.slf4j.simpleLogger.defaultLogLevel", "warn")
                .containsEntry("org.slf4j.simpleLogger.log.io.github.rcsoftphone", "info")
                .containsEntry("org.slf4j.simpleLogger.logFile", "System.err")
                .containsEntry("org.slf4j.simpleLogger.log.io.github.rcsoftphone.edge", "warn")
                .doesNotContainKey("org.slf4j.simpleLogger.log.io.github.rcsoftphone.sip.wire");
        assertThat(LogSetup.properties(true))
                .containsEntry("org.slf4j.simpleLogger.log.io.github.rcsoftphone.sip.wire", "debug")
                .containsEntry("org.slf4j.simpleLogger.log.io.github.rcsoftphone.edge.wire", "debug")
                .containsEntry("org.slf4j.simpleLogger.showDateTime", "true");
    }
}
