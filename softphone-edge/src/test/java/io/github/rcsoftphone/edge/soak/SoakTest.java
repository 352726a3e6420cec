package io.github.rcsoftphone.edge.soak;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The small soaks of the default test set: 24 simulated hours of registration refreshes (fake clock) and 200
 * sequential calls (both flavours, both directions), with threads and descriptors back at the warm baseline and
 * the heap after GC flat. {@code scripts/soak} runs the long ones.
 */
class SoakTest {

    @Test
    void twentyFourSimulatedHoursOfRefreshesLeakNothing() throws Exception {
        SoakReport report = new RegistrationSoak(24, Soak.HEAP_KB_PER_24H, System.out).run();
        System.out.println(report.render());
        assertThat(report.problems()).isEmpty();
        assertThat(report.samples()).hasSize(25);
        assertThat(report.figures().get("refreshes")).startsWith("3,8");
    }

    @Test
    void sequentialCallsLeakNothing() throws Exception {
        SoakReport report = new CallSoak(200, 40, Soak.WARM_UP_CALLS, Soak.HEAP_KB_PER_1000_CALLS_SHORT, System.out)
                .run();
        System.out.println(report.render());
        assertThat(report.problems()).isEmpty();
        assertThat(report.samples()).hasSize(6); // baseline, 40..160, 200 at rest
    }
}
