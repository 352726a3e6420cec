package io.github.rcsoftphone.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MachineTest {

    @Test
    void measuresWhatALoopbackDatagramCostsAndReportsIt() {
        Machine m = Machine.current();
        // a send and a receive through the kernel: more than nothing, far less than a millisecond on any host
        assertThat(m.datagramMicros()).isGreaterThan(0.05).isLessThan(1000);
        assertThat(m.cores()).isPositive();

        BenchOptions options = BenchOptions.parse(new String[] {"--out", Path.of("unused.md").toString()});
        String report = Report.render(m, options, new Results(), null);
        assertThat(report).contains("| one 172-byte datagram sent and received on loopback")
                .contains(m.datagramText() + " |");
        assertThat(m.datagramText()).endsWith(" us");
    }
}
