package io.github.rcsoftphone.bench.micro;

import io.github.rcsoftphone.media.codec.Resampler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The polyphase resampler on one 20 ms frame: 48 kHz to 8 kHz (960 samples in) and 8 kHz to 48 kHz (160 in). */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ResamplerBench {
    private Resampler down;
    private Resampler up;
    private short[] frame48k;
    private short[] frame8k;

    @Setup
    public void setUp() {
        down = new Resampler(48000, 8000);
        up = new Resampler(8000, 48000);
        frame48k = CodecBench.speechLike(48000, 960);
        frame8k = CodecBench.speechLike(8000, 160);
    }

    @Benchmark
    public short[] from48kTo8k() {
        return down.process(frame48k);
    }

    @Benchmark
    public short[] from8kTo48k() {
        return up.process(frame8k);
    }
}
