package io.github.rcsoftphone.bench.micro;

import io.github.rcsoftphone.media.codec.AudioCodecs;
import io.github.rcsoftphone.media.codec.AudioDecoder;
import io.github.rcsoftphone.media.codec.AudioEncoder;
import io.github.rcsoftphone.media.codec.CodecException;
import io.github.rcsoftphone.media.codec.OpusImplementation;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Encode and decode of one 20 ms frame (speech-like: a 440 Hz tone with noise) for each codec the softphone speaks,
 * Opus on both implementations ({@code opus}: native libopus or pure Java; G.711 does not use it, so the scenario
 * keeps only one of its two runs). One op = one frame, so 50 ops/s is one real-time call direction.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBench {
    /** encoding/clockRate/channels as in SDP. */
    @Param({"PCMU/8000/1", "opus/48000/2", "opus/16000/1"})
    public String codec;

    /** The Opus implementation: {@code native} (libopus) or {@code java} (concentus). */
    @Param({"native", "java"})
    public String opus;

    private AudioEncoder encoder;
    private AudioDecoder decoder;
    private short[] pcm;
    private byte[] payload;

    @Setup
    public void setUp() throws CodecException {
        String[] parts = codec.split("/");
        int rate = Integer.parseInt(parts[1]);
        int channels = Integer.parseInt(parts[2]);
        OpusImplementation implementation = OpusImplementation.valueOf(opus.toUpperCase(Locale.ROOT));
        encoder = AudioCodecs.encoder(parts[0], rate, channels, implementation);
        decoder = AudioCodecs.decoder(parts[0], rate, channels, implementation);
        pcm = speechLike(encoder.sampleRate(), encoder.frameSamples());
        payload = encoder.encode(pcm);
        decoder.decode(payload);
    }

    @TearDown
    public void tearDown() {
        encoder.close();
        decoder.close();
    }

    @Benchmark
    public byte[] encode() {
        return encoder.encode(pcm);
    }

    @Benchmark
    public short[] decode() throws CodecException {
        return decoder.decode(payload);
    }

    static short[] speechLike(int rate, int samples) {
        Random r = new Random(3);
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            double v = 8000 * Math.sin(2 * Math.PI * 440 * i / rate) + r.nextGaussian() * 800;
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
        }
        return out;
    }
}
