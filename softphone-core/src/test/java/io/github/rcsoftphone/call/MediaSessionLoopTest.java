package io.github.rcsoftphone.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.media.audio.LoopSource;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.media.codec.AudioCodecs;
import io.github.rcsoftphone.media.codec.OpusImplementation;
import io.github.rcsoftphone.media.rtp.RtpPacket;
import io.github.rcsoftphone.media.secure.MediaListener;
import io.github.rcsoftphone.media.secure.MediaTransport;
import io.github.rcsoftphone.sdp.AudioChoice;
import io.github.rcsoftphone.sdp.Direction;
import io.github.rcsoftphone.sdp.RtpMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A looped source is encoded once per place in the loop: later passes send the first pass's packets again. */
class MediaSessionLoopTest {

    /** Keeps the payloads of the RTP packets sent. */
    private static final class Capture implements MediaTransport {
        final List<byte[]> payloads = new ArrayList<>();

        @Override
        public void sendRtp(byte[] plainRtp) {
            try {
                payloads.add(RtpPacket.decode(plainRtp, 0, plainRtp.length).payload());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public void sendRtcp(byte[] plainRtcp) {
        }

        @Override
        public void listener(MediaListener l) {
        }

        @Override
        public Counters counters() {
            return new Counters(0, 0, 0, 0, 0);
        }

        @Override
        public void close() {
        }
    }

    private static List<byte[]> send(LoopSource or, ToneSource tone, int frames) {
        Capture transport = new Capture();
        MediaSession session = new MediaSession(transport,
                new AudioChoice(new RtpMap(111, "opus", 48000, 2), null, null, Direction.SENDRECV, true),
                OpusImplementation.JAVA, AudioCodecs.DEFAULT_OPUS_COMPLEXITY, "test", e -> { }, d -> { },
                new MediaWatchdog(Duration.ZERO), () -> { });
        session.play(or != null ? or : tone);
        long now = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            now += MediaClock.TICK_NANOS;
            session.tick(now);
        }
        session.close();
        return transport.payloads;
    }

    private static short[] tone(int samples) {
        return new ToneSource(1000, 48000, 0.3, null).read(samples);
    }

    @Test
    void laterPassesOfALoopSendTheFirstPassPackets() {
        // 100 ms of a 1 kHz tone at the encoder's rate: five 20 ms frames a pass
        List<byte[]> sent = send(new LoopSource(tone(4800), 48000, null), null, 15);
        assertThat(sent).hasSize(15);
        for (int i = 5; i < 15; i++) {
            assertThat(sent.get(i)).as("frame %d repeats frame %d", i, i % 5).isEqualTo(sent.get(i % 5));
        }
    }

    @Test
    void aLoopThatIsNotAWholeNumberOfFramesIsEncodedEveryTime() {
        // 110 ms: the frames of the second pass start elsewhere in the tone, so nothing may be reused
        List<byte[]> looped = send(new LoopSource(tone(5280), 48000, null), null, 12);
        List<byte[]> plain = send(null, new ToneSource(1000, 48000, 0.3, null), 12);
        assertThat(looped).hasSize(12);
        for (int i = 0; i < 5; i++) {
            assertThat(looped.get(i)).as("first pass as from the tone itself").isEqualTo(plain.get(i));
        }
        assertThat(looped.get(6)).as("not a copy of the first pass").isNotEqualTo(looped.get(0));
    }
}
