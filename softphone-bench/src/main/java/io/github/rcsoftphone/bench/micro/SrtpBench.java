package io.github.rcsoftphone.bench.micro;

import io.github.rcsoftphone.media.secure.SrtpKeys;
import io.github.rcsoftphone.media.secure.SrtpProfile;
import io.github.rcsoftphone.media.secure.SrtpSession;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * SRTP of one 20 ms PCMU packet (12-byte header + 160 bytes) with {@link SrtpSession}. Unprotect refuses replays, so
 * it is measured as a round trip with a fresh sequence number each time: unprotect = roundTrip - protect.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SrtpBench {
    @Param({"AES128_CM_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    public String profile;

    private SrtpSession sender;
    private SrtpSession receiver;
    private byte[] packet;
    private int seq;

    @Setup(Level.Trial)
    public void setUp() {
        SrtpProfile p = SrtpProfile.valueOf(profile);
        Random r = new Random(7);
        byte[] k1 = new byte[p.keyLength()];
        byte[] k2 = new byte[p.keyLength()];
        byte[] s1 = new byte[p.saltLength()];
        byte[] s2 = new byte[p.saltLength()];
        r.nextBytes(k1);
        r.nextBytes(k2);
        r.nextBytes(s1);
        r.nextBytes(s2);
        sender = new SrtpSession(new SrtpKeys(p, k1, s1, k2, s2));
        receiver = new SrtpSession(new SrtpKeys(p, k2, s2, k1, s1));
        packet = new byte[172];
        r.nextBytes(packet);
        packet[0] = (byte) 0x80;
        packet[1] = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        sender.close();
        receiver.close();
    }

    private byte[] next() {
        seq++;
        packet[2] = (byte) (seq >> 8);
        packet[3] = (byte) seq;
        int ts = seq * 160;
        packet[4] = (byte) (ts >> 24);
        packet[5] = (byte) (ts >> 16);
        packet[6] = (byte) (ts >> 8);
        packet[7] = (byte) ts;
        return packet;
    }

    @Benchmark
    public byte[] protect() {
        return sender.protectRtp(next());
    }

    @Benchmark
    public SrtpSession.Result roundTrip() {
        byte[] p = sender.protectRtp(next());
        SrtpSession.Result result = receiver.unprotectRtp(p, 0, p.length);
        if (result.status() != SrtpSession.Status.OK) {
            throw new IllegalStateException("unprotect failed: " + result.status());
        }
        return result;
    }
}
