package io.github.rcsoftphone.media.codec;

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
}
