package io.github.rcsoftphone.media.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4733 telephone-event payload (4 bytes): event code, end bit, volume (0..63, in -dBm0) and duration in
 * RTP timestamp units of the event's clock (8000 Hz for RingCentral).
 *
 * @param event    0..255 (0-9 digits, 10 '*', 11 '#', 12-15 A-D, 16 flash)
 * @param end      the E bit: this packet ends the event
 * @param volume   0..63, the power level in -dBm0
 * @param duration 0..65535 timestamp units since the event began
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

    /** The event code for a hook flash. */
    public static final int FLASH = 16;
    private static final String KEYS = "0123456789*#ABCD!";

    /** Validates the ranges. */
    public TelephoneEvent {
        if (event < 0 || event > 255) {
            throw new IllegalArgumentException("telephone-event code " + event + " outside 0..255");
        }
        if (volume < 0 || volume > 63) {
            throw new IllegalArgumentException("telephone-event volume " + volume + " outside 0..63");
        }
        if (duration < 0 || duration > 0xFFFF) {
            throw new IllegalArgumentException("telephone-event duration " + duration + " outside 0..65535");
        }
    }

    /**
     * Parses a 4-byte RFC 4733 payload (the reserved bit is ignored, as RFC 4733 asks of receivers).
     *
     * @throws CodecException if the payload is not exactly 4 bytes
     */
    public static TelephoneEvent decode(byte[] payload) throws CodecException {
        if (payload == null || payload.length != 4) {
            throw new CodecException("telephone-event: payload must be 4 bytes, got "
                    + (payload == null ? "none" : payload.length));
        }
        return new TelephoneEvent(payload[0] & 0xFF, (payload[1] & 0x80) != 0, payload[1] & 0x3F,
                ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF));
    }

    /** The 4-byte payload (reserved bit zero). */
    public byte[] encode() {
        return new byte[] {(byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >> 8), (byte) duration};
    }

    /** The key: '0'-'9', '*', '#', 'A'-'D', '!' for flash (16), '?' for any other event. */
    public char digit() {
        return event < KEYS.length() ? KEYS.charAt(event) : '?';
    }

    /**
     * The event code for a key: '0'-'9', '*', '#', 'A'-'D' (or 'a'-'d'), '!' for flash.
     *
     * @throws IllegalArgumentException for any other character
     */
    public static int eventFor(char digit) {
        int index = KEYS.indexOf(Character.toUpperCase(digit));
        if (index < 0) {
            throw new IllegalArgumentException("no telephone-event for key '" + digit
                    + "' (expected 0-9, *, #, A-D or ! for flash)");
        }
        return index;
    }

    /**
     * The payloads one key press sends (RFC 4733 2.5): one every {@code step} timestamp units with a growing
     * duration ({@code step}, {@code 2*step}, ...), the last one {@code total} units long with the E bit, sent three
     * times. All share the event's start timestamp; the caller sends one per packet interval.
     *
     * @param event  the event code (see {@link #eventFor})
     * @param volume 0..63 (-dBm0)
     * @param total  the event's duration in timestamp units, 1..65535
     * @param step   timestamp units per packet interval (160 for 20 ms at 8000 Hz), at least 1
     */
    public static List<TelephoneEvent> keyPress(int event, int volume, int total, int step) {
        if (step < 1 || total < 1 || total > 0xFFFF) {
            throw new IllegalArgumentException("telephone-event: duration " + total + " must be 1..65535 units, step "
                    + step + " at least 1");
        }
        List<TelephoneEvent> out = new ArrayList<>();
        for (int d = step; d < total; d += step) {
            out.add(new TelephoneEvent(event, false, volume, d));
        }
        for (int i = 0; i < 3; i++) {
            out.add(new TelephoneEvent(event, true, volume, total));
        }
        return out;
    }
}
