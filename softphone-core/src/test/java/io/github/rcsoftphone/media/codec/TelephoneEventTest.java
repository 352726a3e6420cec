package io.github.rcsoftphone.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** RFC 4733 telephone-event payloads. */
class TelephoneEventTest {

    @Test
    void decodesTheRfc4733Example() throws Exception {
        // modelled on the RFC 4733 section 5 example: digit 9 at -7 dBm0, 400 units per 50 ms, then the end packet
        byte[] first = {0x09, 0x07, 0x01, (byte) 0x90};
        assertThat(TelephoneEvent.decode(first)).isEqualTo(new TelephoneEvent(9, false, 7, 400));
        byte[] last = {0x09, (byte) 0x87, 0x06, 0x40};
        TelephoneEvent end = TelephoneEvent.decode(last);
        assertThat(end).isEqualTo(new TelephoneEvent(9, true, 7, 1600));
        assertThat(end.digit()).isEqualTo('9');
        assertThat(end.encode()).containsExactly(last);
    }

    @Test
    void decodesRingCentralsStrayPacketAsAnEvent() throws Exception {
        TelephoneEvent event = TelephoneEvent.decode(new byte[] {5, (byte) 0x8a, 0x03, (byte) 0xc0});
        assertThat(event).isEqualTo(new TelephoneEvent(5, true, 10, 960));
    }

    @Test
    void ignoresTheReservedBit() throws Exception {
        assertThat(TelephoneEvent.decode(new byte[] {11, (byte) 0xCA, 0, 0})).isEqualTo(new TelephoneEvent(11, true,
                10, 0));
    }

    @Test
    void mapsKeysBothWays() {
        String keys = "0123456789*#ABCD!";
        for (int event = 0; event <= 16; event++) {
            assertThat(new TelephoneEvent(event, false, 10, 0).digit()).isEqualTo(keys.charAt(event));
            assertThat(TelephoneEvent.eventFor(keys.charAt(event))).isEqualTo(event);
        }
        assertThat(TelephoneEvent.eventFor('a')).isEqualTo(12);
        assertThat(TelephoneEvent.eventFor('d')).isEqualTo(15);
        assertThat(TelephoneEvent.FLASH).isEqualTo(16);
        assertThat(new TelephoneEvent(200, false, 0, 0).digit()).isEqualTo('?');
        assertThatThrownBy(() -> TelephoneEvent.eventFor('x')).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x'");
    }

    @Test
    void encodesEveryFieldAtItsLimits() throws Exception {
        TelephoneEvent event = new TelephoneEvent(255, true, 63, 65535);
        assertThat(event.encode()).containsExactly(0xFF, 0xBF, 0xFF, 0xFF);
        assertThat(TelephoneEvent.decode(event.encode())).isEqualTo(event);
        assertThatThrownBy(() -> new TelephoneEvent(256, false, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TelephoneEvent(1, false, 64, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TelephoneEvent(1, false, 0, 65536)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsPayloadsThatAreNot4Bytes() throws Exception {
        Random random = new Random(4733);
        for (int length = 0; length < 12; length++) {
            byte[] payload = new byte[length];
            random.nextBytes(payload);
            if (length == 4) {
                assertThat(TelephoneEvent.decode(payload).encode()[0]).isEqualTo(payload[0]);
            } else {
                assertThatThrownBy(() -> TelephoneEvent.decode(payload)).isInstanceOf(CodecException.class)
                        .hasMessageContaining("4 bytes");
            }
        }
        assertThatThrownBy(() -> TelephoneEvent.decode(null)).isInstanceOf(CodecException.class);
    }
}
