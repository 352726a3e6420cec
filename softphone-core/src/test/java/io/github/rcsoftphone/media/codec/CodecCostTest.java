package io.github.rcsoftphone.media.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures the CPU cost per 20 ms frame (printed; no assertion on time): PCMU, Opus 48k and 16k, resampler 48k to 8k.
 * Thread CPU time is printed next to wall time because the machine is shared. A measurement, not a check, so it
 * runs only on request: {@code mvn -o -q -pl softphone-core test -Dtest=CodecCostTest -Dmedia.cost=true}; the
 * figures are in {@code target/surefire-reports/*CodecCostTest-output.txt}.
 */
@EnabledIfSystemProperty(named = "media.cost", matches = "true")
class CodecCostTest {

    private static final int WARMUP = 800;
    private static final int FRAMES = 800;

    private interface Work {
        void run(int frame) throws Exception;
    }

    private static void measure(String name, Work work) throws Exception {
        for (int i = 0; i < WARMUP; i++) {
            work.run(i);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        for (int i = 0; i < FRAMES; i++) {
            work.run(i);
        }
        double wallUs = (System.nanoTime() - wall0) / 1000.0 / FRAMES;
        double cpuUs = (threads.getCurrentThreadCpuTime() - cpu0) / 1000.0 / FRAMES;
        System.out.printf("%-28s %8.1f us CPU per 20 ms frame (%6.1f us wall) = %5.2f ms CPU per call-second%n",
                name, cpuUs, wallUs, cpuUs * 50 / 1000);
    }

    private static short[][] frames(int rate) {
        short[] tone = Signals.sine(1000, rate, 0.3, rate * 2);
        IntFunction<short[]> frame = i -> Signals.slice(tone, i * rate / 50, (i + 1) * rate / 50);
        short[][] out = new short[100][];
        for (int i = 0; i < out.length; i++) {
            out[i] = frame.apply(i);
        }
        return out;
    }

    @Test
    void printsCostPerFrame() throws Exception {
        short[][] pcm8 = frames(8000);
        AudioEncoder pcmu = AudioCodecs.encoder("PCMU", 8000, 1);
        AudioDecoder pcmuDecoder = AudioCodecs.decoder("PCMU", 8000, 1);
        byte[] pcmuPacket = pcmu.encode(pcm8[0]);
        measure("PCMU encode", i -> pcmu.encode(pcm8[i % 100]));
        measure("PCMU decode", i -> pcmuDecoder.decode(pcmuPacket));
        for (int rate : new int[] {48000, 16000}) {
            short[][] pcm = frames(rate);
            AudioEncoder encoder = AudioCodecs.encoder("opus", rate, rate == 48000 ? 2 : 1);
            byte[][] packets = new byte[100][];
            for (int i = 0; i < 100; i++) {
                packets[i] = encoder.encode(pcm[i]);
            }
            AudioDecoder decoder = AudioCodecs.decoder("opus", rate, rate == 48000 ? 2 : 1);
            measure("Opus " + rate + " encode", i -> encoder.encode(pcm[i % 100]));
            measure("Opus " + rate + " decode", i -> decoder.decode(packets[i % 100]));
            if (rate == 48000) {
                AudioDecoder mono = AudioCodecs.decoder("opus", rate, 1);
                measure("Opus 48000 decode (mono dec)", i -> mono.decode(packets[i % 100]));
            }
        }
        short[][] pcm48 = frames(48000);
        Resampler down = new Resampler(48000, 8000);
        Resampler up = new Resampler(8000, 48000);
        measure("Resampler 48k->8k", i -> down.process(pcm48[i % 100]));
        measure("Resampler 8k->48k", i -> up.process(pcm8[i % 100]));
        assertThat(down.process(pcm48[0])).hasSize(160);
    }
}
