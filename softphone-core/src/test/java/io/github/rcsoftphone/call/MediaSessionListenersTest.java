package io.github.rcsoftphone.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.rcsoftphone.media.codec.AudioCodecs;
import io.github.rcsoftphone.media.codec.AudioEncoder;
import io.github.rcsoftphone.media.codec.OpusImplementation;
import io.github.rcsoftphone.media.rtp.RtpSender;
import io.github.rcsoftphone.media.secure.MediaListener;
import io.github.rcsoftphone.media.secure.MediaTransport;
import io.github.rcsoftphone.sdp.AudioChoice;
import io.github.rcsoftphone.sdp.Direction;
import io.github.rcsoftphone.sdp.RtpMap;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Frame consumers of a call's media: removing them ({@code onAudio(rate, null)}) stops delivery, decoding and jitter
 * buffering; received packets are still counted.
 */
class MediaSessionListenersTest {

    /** A transport that only keeps the listener; what is sent goes nowhere. */
    private static final class NoTransport implements MediaTransport {
        private MediaListener listener;

        @Override
        public void sendRtp(byte[] plainRtp) {
        }

        @Override
        public void sendRtcp(byte[] plainRtcp) {
        }

        @Override
        public void listener(MediaListener l) {
            listener = l;
        }

        @Override
        public Counters counters() {
            return new Counters(0, 0, 0, 0, 0);
        }

        @Override
        public void close() {
        }
    }

    private final NoTransport transport = new NoTransport();
    private final AudioEncoder encoder = AudioCodecs.encoder("PCMU", 8000, 1);
    private final RtpSender far = new RtpSender();
    private final MediaSession session = new MediaSession(transport,
            new AudioChoice(new RtpMap(0, "PCMU", 8000), null, null, Direction.SENDRECV, true),
            OpusImplementation.JAVA, AudioCodecs.DEFAULT_OPUS_COMPLEXITY, "test", e -> { }, d -> { }, new MediaWatchdog(Duration.ZERO), () -> { });
    private long now = System.nanoTime();

    /** {@code frames} packets from the far end, one per tick. */
    private void exchange(int frames) {
        for (int i = 0; i < frames; i++) {
            transport.listener.onRtp(far.next(0, encoder.encode(new short[160]), 160, false).encode());
            now += MediaClock.TICK_NANOS;
            session.tick(now);
        }
    }

    @Test
    void aRemovedConsumerGetsNoMoreFramesAndNothingIsDecoded() {
        AtomicInteger first = new AtomicInteger();
        AtomicInteger second = new AtomicInteger();
        session.onAudio(8000, pcm -> first.incrementAndGet());
        session.onAudio(16000, pcm -> second.incrementAndGet());
        exchange(20);
        assertTrue(first.get() > 0, "frames delivered before removal");
        assertEquals(first.get(), second.get());
        long decoded = session.framesDecoded();
        assertEquals(first.get(), decoded);

        session.onAudio(8000, null);
        int before = first.get();
        exchange(20);
        assertEquals(before, first.get(), "no frame after removal");
        assertEquals(before, second.get(), "null removes every consumer");
        assertEquals(decoded, session.framesDecoded(), "nobody listens: nothing decoded");
        assertEquals(40, session.stats().packetsReceived(), "received packets are still counted");

        AtomicInteger again = new AtomicInteger();
        session.onAudio(8000, pcm -> again.incrementAndGet());
        exchange(20);
        // the jitter buffer held nothing while nobody listened: it fills to its target first, then plays on
        assertTrue(again.get() >= 15 && again.get() <= 20, "a consumer added later gets the frames from then on: "
                + again.get());
        session.close();
    }

    @Test
    void aCallNobodyListensToDecodesNothing() {
        exchange(30);
        assertEquals(0, session.framesDecoded());
        assertEquals(30, session.stats().packetsReceived());
        session.close();
    }
}
