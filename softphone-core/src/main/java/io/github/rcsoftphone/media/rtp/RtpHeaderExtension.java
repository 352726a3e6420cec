package io.github.rcsoftphone.media.rtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An RTP header extension kept raw (RFC 3550 5.3.1): the 16-bit profile field and the data words after the length.
 * {@link #elements()} reads RFC 8285 one-byte ({@code 0xBEDE}) and two-byte ({@code 0x100x}) elements;
 * {@link #oneByte} and {@link #twoByte} build them. {@code data} is copied in and out; its length is a multiple of 4.
 */
public record RtpHeaderExtension(int profile, byte[] data) {

    /** The RFC 8285 one-byte header profile. */
    public static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** The RFC 8285 two-byte header profile (the low 4 bits are "appbits"). */
    public static final int TWO_BYTE_PROFILE = 0x1000;

    /** One RFC 8285 element: its id and value. */
    public record Element(int id, byte[] value) {
        /** Copies {@code value}. */
        public Element {
            Bytes.requireRange("extension element id", id, 1, 255);
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Element e && e.id == id && Arrays.equals(e.value, value);
        }

        @Override
        public int hashCode() {
            return 31 * id + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Element[id=" + id + ", value=" + value.length + " bytes]";
        }
    }

    /** Copies {@code data}; rejects a profile outside 16 bits or data that is not whole 32-bit words. */
    public RtpHeaderExtension {
        Bytes.requireRange("extension profile", profile, 0, 0xFFFF);
        Objects.requireNonNull(data, "data");
        if (data.length % 4 != 0 || data.length / 4 > 0xFFFF) {
            throw new IllegalArgumentException("extension data must be whole 32-bit words (at most 65535): "
                    + data.length + " bytes");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    int length() {
        return data.length;
    }

    void copyTo(byte[] dst, int at) {
        System.arraycopy(data, 0, dst, at, data.length);
    }

    /** Whether this is an RFC 8285 one-byte header extension. */
    public boolean isOneByte() {
        return profile == ONE_BYTE_PROFILE;
    }

    /** Whether this is an RFC 8285 two-byte header extension. */
    public boolean isTwoByte() {
        return (profile & 0xFFF0) == TWO_BYTE_PROFILE;
    }

    /**
     * The RFC 8285 elements, in order, skipping padding.
     *
     * @throws RtpParseException if the profile is neither form or an element runs past the data; the offset is
     *     within {@link #data()}
     */
    public List<Element> elements() throws RtpParseException {
        boolean one = isOneByte();
        if (!one && !isTwoByte()) {
            throw new RtpParseException(String.format("extension profile 0x%04x is not an RFC 8285 form", profile), -1);
        }
        List<Element> out = new ArrayList<>();
        int i = 0;
        while (i < data.length) {
            int b = data[i] & 0xFF;
            if (b == 0) {
                i++;
                continue;
            }
            int id;
            int len;
            int start;
            if (one) {
                id = b >>> 4;
                if (id == 15) {
                    break;
                }
                if (id == 0) {
                    // RFC 8285 4.2: id 0 is padding, a single zero byte; a non-zero length makes no element
                    throw new RtpParseException("one-byte extension element with id 0 and length " + ((b & 0x0F) + 1), i);
                }
                len = (b & 0x0F) + 1;
                start = i + 1;
            } else {
                if (i + 1 >= data.length) {
                    throw new RtpParseException("two-byte extension element " + b + " has no length", i);
                }
                id = b;
                len = data[i + 1] & 0xFF;
                start = i + 2;
            }
            if (start + len > data.length) {
                throw new RtpParseException("extension element " + id + " of " + len + " bytes runs past the end", i);
            }
            out.add(new Element(id, Arrays.copyOfRange(data, start, start + len)));
            i = start + len;
        }
        return List.copyOf(out);
    }

    /** An RFC 8285 one-byte header extension: ids 1..14, values of 1..16 bytes. */
    public static RtpHeaderExtension oneByte(List<Element> elements) {
        int size = 0;
        for (Element e : elements) {
            Bytes.requireRange("one-byte element id", e.id(), 1, 14);
            Bytes.requireRange("one-byte element length", e.value.length, 1, 16);
            size += 1 + e.value.length;
        }
        byte[] out = new byte[Bytes.padTo4(size)];
        int i = 0;
        for (Element e : elements) {
            out[i++] = (byte) (e.id() << 4 | (e.value.length - 1));
            System.arraycopy(e.value, 0, out, i, e.value.length);
            i += e.value.length;
        }
        return new RtpHeaderExtension(ONE_BYTE_PROFILE, out);
    }

    /** An RFC 8285 two-byte header extension: ids 1..255, values of 0..255 bytes. */
    public static RtpHeaderExtension twoByte(List<Element> elements) {
        int size = 0;
        for (Element e : elements) {
            Bytes.requireRange("two-byte element length", e.value.length, 0, 255);
            size += 2 + e.value.length;
        }
        byte[] out = new byte[Bytes.padTo4(size)];
        int i = 0;
        for (Element e : elements) {
            out[i++] = (byte) e.id();
            out[i++] = (byte) e.value.length;
            System.arraycopy(e.value, 0, out, i, e.value.length);
            i += e.value.length;
        }
        return new RtpHeaderExtension(TWO_BYTE_PROFILE, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpHeaderExtension x && x.profile == profile && Arrays.equals(x.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * profile + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return String.format("RtpHeaderExtension[profile=0x%04x, %d bytes]", profile, data.length);
    }
}
