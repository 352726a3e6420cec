package io.github.rcsoftphone.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rcsoftphone.DtmfOptions;
import io.github.rcsoftphone.media.codec.TelephoneEvent;
import io.github.rcsoftphone.media.rtp.RtpPacket;
import io.github.rcsoftphone.media.rtp.RtpSender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The RFC 4733 packet sequence on the wire, tick by tick, interleaved with the audio it pauses. */
class DtmfSenderTest {
    private static final int AUDIO_PT = 0;
    private static final int EVENT_PT = 101;
    private static final long SSRC = 0x11223344L;

    private final List<RtpPacket> wire = new ArrayList<>();

    /** What MediaSession does on each tick: the event's packet, else 20 ms of audio. */
    private void run(DtmfSender dtmf, RtpSender sender, int audioStep, int ticks) {
        for (int i = 0; i < ticks; i++) {
            if (!dtmf.tick(sender, wire::add)) {
                wire.add(sender.next(AUDIO_PT, new byte[160], audioStep, false));
            }
        }
    }

    private static TelephoneEvent event(RtpPacket p) throws Exception {
        return TelephoneEvent.decode(p.payload());
    }

    @Test
    void oneKeyIsSevenPacketsWithOneTimestampGrowingDurationMarkerAndThreeEndPackets() throws Exception {
        RtpSender sender = new RtpSender(SSRC, 65530, 1000);
        DtmfSender dtmf = new DtmfSender(EVENT_PT, 8000, 160);
        run(dtmf, sender, 160, 2);
        CompletableFuture<Void> done = new CompletableFuture<>();
        dtmf.enqueue("5", DtmfOptions.defaults(), done);
        run(dtmf, sender, 160, 6);
        assertThat(done).as("not before the third end packet").isNotDone();
        run(dtmf, sender, 160, 1);
        assertThat(done).isCompleted();
        run(dtmf, sender, 160, 3);

        assertThat(wire).hasSize(12);
        for (int i = 0; i < wire.size(); i++) {
            assertThat(wire.get(i).sequenceNumber()).as("sequence continuous with audio, wrapping")
                    .isEqualTo((65530 + i) & 0xFFFF);
            assertThat(wire.get(i).ssrc()).isEqualTo(SSRC);
        }
        List<RtpPacket> events = wire.subList(2, 9);
        assertThat(events).allSatisfy(p -> {
            assertThat(p.payloadType()).isEqualTo(EVENT_PT);
            assertThat(p.timestamp()).as("the event's start").isEqualTo(1000 + 2 * 160);
        });
        assertThat(events.stream().map(RtpPacket::marker).toList())
                .containsExactly(true, false, false, false, false, false, false);
        List<TelephoneEvent> payloads = new ArrayList<>();
        for (RtpPacket p : events) {
            payloads.add(event(p));
        }
        assertThat(payloads).extracting(TelephoneEvent::duration).containsExactly(160, 320, 480, 640, 800, 800, 800);
        assertThat(payloads).extracting(TelephoneEvent::end).containsExactly(false, false, false, false, true, true, true);
        assertThat(payloads).allSatisfy(e -> {
            assertThat(e.event()).isEqualTo(5);
            assertThat(e.volume()).isEqualTo(10);
        });
        // audio goes on where the clock is: 7 ticks later
        assertThat(wire.get(9).payloadType()).isEqualTo(AUDIO_PT);
        assertThat(wire.get(9).timestamp()).isEqualTo(1000 + 9 * 160);
        assertThat(wire.get(9).marker()).isFalse();
    }

    @Test
    void keysAreSeparatedByTheGapAndQueuedCallsFollowInOrder() throws Exception {
        RtpSender sender = new RtpSender(SSRC, 7, 0);
        DtmfSender dtmf = new DtmfSender(EVENT_PT, 8000, 160);
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        dtmf.enqueue("159", DtmfOptions.defaults(), first);
        dtmf.enqueue("#", DtmfOptions.defaults().withDuration(Duration.ofMillis(40)).withGap(Duration.ZERO)
                .withVolume(3), second);
        run(dtmf, sender, 160, 60);
        assertThat(first).isCompleted();
        assertThat(second).isCompleted();

        StringBuilder keys = new StringBuilder();
        List<Long> starts = new ArrayList<>();
        int audioBetween = 0;
        List<Integer> gaps = new ArrayList<>();
        for (RtpPacket p : wire) {
            if (p.payloadType() == EVENT_PT) {
                if (p.marker()) {
                    keys.append(event(p).digit());
                    starts.add(p.timestamp());
                    if (keys.length() > 1) {
                        gaps.add(audioBetween);
                    }
                }
                audioBetween = 0;
            } else {
                audioBetween++;
            }
        }
        assertThat(keys.toString()).isEqualTo("159#");
        assertThat(gaps).as("70 ms = 4 ticks of audio between keys").containsExactly(4, 4, 4);
        assertThat(starts).as("each key starts 7 + 4 ticks after the previous")
                .containsExactly(0L, 11L * 160, 22L * 160, 33L * 160);
        List<TelephoneEvent> pound = new ArrayList<>();
        for (RtpPacket p : wire) {
            if (p.payloadType() == EVENT_PT && p.timestamp() == 33L * 160) {
                pound.add(event(p));
            }
        }
        assertThat(pound).extracting(TelephoneEvent::duration).as("40 ms: one growing packet, then the end x3")
                .containsExactly(160, 320, 320, 320);
        assertThat(pound).allSatisfy(e -> assertThat(e.volume()).isEqualTo(3));
    }

    @Test
    void anOpusStreamKeepsItsOwnClockWhileEventDurationsUseTheEventClock() throws Exception {
        RtpSender sender = new RtpSender(SSRC, 0, 0);
        DtmfSender dtmf = new DtmfSender(EVENT_PT, 8000, 960);
        dtmf.enqueue("#", DtmfOptions.defaults(), new CompletableFuture<>());
        run(dtmf, sender, 960, 8);
        assertThat(event(wire.get(6)).duration()).isEqualTo(800);
        assertThat(wire.get(7).payloadType()).isEqualTo(AUDIO_PT);
        assertThat(wire.get(7).timestamp()).isEqualTo(7 * 960);
    }

    @Test
    void failsClearlyWithoutTelephoneEventAndWhenTheMediaEnds() {
        CompletableFuture<Void> none = new CompletableFuture<>();
        new DtmfSender(-1, 8000, 160).enqueue("1", DtmfOptions.defaults(), none);
        assertThatThrownBy(none::join).isInstanceOf(CompletionException.class)
                .hasMessageContaining("did not offer telephone-event");

        DtmfSender dtmf = new DtmfSender(EVENT_PT, 8000, 160);
        CompletableFuture<Void> cut = new CompletableFuture<>();
        CompletableFuture<Void> queued = new CompletableFuture<>();
        dtmf.enqueue("12", DtmfOptions.defaults(), cut);
        dtmf.enqueue("3", DtmfOptions.defaults(), queued);
        run(dtmf, new RtpSender(SSRC, 0, 0), 160, 3);
        dtmf.close();
        assertThat(cut).isCompletedExceptionally();
        assertThat(queued).isCompletedExceptionally();
    }

    @Test
    void digitsAndOptionsAreChecked() {
        assertThat(DtmfOptions.requireDigits("0123456789*#ABCD")).isEqualTo("0123456789*#ABCD");
        assertThatThrownBy(() -> DtmfOptions.requireDigits("12x4")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x'");
        assertThatThrownBy(() -> DtmfOptions.requireDigits("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DtmfOptions.requireDigits("1!")).hasMessageContaining("'!'");
        assertThatThrownBy(() -> DtmfOptions.defaults().withDuration(Duration.ofMillis(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
        assertThatThrownBy(() -> DtmfOptions.defaults().withGap(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gap");
        assertThatThrownBy(() -> DtmfOptions.defaults().withVolume(64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("volume");
        assertThat(TelephoneEvent.keyPress(11, 10, 480, 160)).extracting(TelephoneEvent::duration)
                .containsExactly(160, 320, 480, 480, 480);
    }
}
