package io.github.rcsoftphone.media.secure;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The STUN subset ICE needs (RFC 5389/8489): Binding requests, responses and indications with
 * USERNAME, MESSAGE-INTEGRITY (HMAC-SHA1, short-term credentials), FINGERPRINT, XOR-MAPPED-ADDRESS,
 * ERROR-CODE and the ICE attributes (RFC 8445). Sans-I/O and immutable.
 */
final class StunMessage {
    static final int BINDING_REQUEST = 0x0001;
    static final int BINDING_INDICATION = 0x0011;
    static final int BINDING_SUCCESS = 0x0101;
    static final int BINDING_ERROR = 0x0111;

    static final int MAPPED_ADDRESS = 0x0001;
    static final int USERNAME = 0x0006;
    static final int MESSAGE_INTEGRITY = 0x0008;
    static final int ERROR_CODE = 0x0009;
    static final int XOR_MAPPED_ADDRESS = 0x0020;
    static final int PRIORITY = 0x0024;
    static final int USE_CANDIDATE = 0x0025;
    static final int SOFTWARE = 0x8022;
    static final int FINGERPRINT = 0x8028;
    static final int ICE_CONTROLLED = 0x8029;
    static final int ICE_CONTROLLING = 0x802A;

    static final int MAGIC_COOKIE = 0x2112A442;
    private static final int HEADER = 20;
    private static final int FINGERPRINT_XOR = 0x5354554e;

    /** One attribute as found on the wire. */
    record Attribute(int type, byte[] value, int offset) {}

    private final int type;
    private final byte[] transactionId;
    private final List<Attribute> attributes;
    private final byte[] raw;
    private final int integrityOffset;
    private final int fingerprintOffset;

    private StunMessage(int type, byte[] transactionId, List<Attribute> attributes, byte[] raw, int integrityOffset,
                        int fingerprintOffset) {
        this.type = type;
        this.transactionId = transactionId;
        this.attributes = attributes;
        this.raw = raw;
        this.integrityOffset = integrityOffset;
        this.fingerprintOffset = fingerprintOffset;
    }

    /** Whether the datagram's first bytes look like STUN (two zero bits, magic cookie); cheap, for demux. */
    static boolean looksLikeStun(byte[] buf, int off, int len) {
        return len >= HEADER && (buf[off] & 0xC0) == 0 && readInt(buf, off + 4) == MAGIC_COOKIE;
    }

    /** Parses one STUN message; attributes after FINGERPRINT are rejected, those after MESSAGE-INTEGRITY ignored. */
    static StunMessage parse(byte[] buf, int off, int len) throws StunParseException {
        if (len < HEADER) {
            throw new StunParseException("STUN message shorter than its 20-byte header: " + len + " bytes", 0);
        }
        if ((buf[off] & 0xC0) != 0) {
            throw new StunParseException("STUN message must start with two zero bits", 0);
        }
        int bodyLength = readShort(buf, off + 2);
        if ((bodyLength & 3) != 0 || HEADER + bodyLength != len) {
            throw new StunParseException("STUN length " + bodyLength + " does not match datagram of " + len + " bytes", 2);
        }
        if (readInt(buf, off + 4) != MAGIC_COOKIE) {
            throw new StunParseException("STUN magic cookie missing", 4);
        }
        byte[] raw = Arrays.copyOfRange(buf, off, off + len);
        List<Attribute> attributes = new ArrayList<>();
        int integrity = -1;
        int fingerprint = -1;
        int p = HEADER;
        while (p < len) {
            if (fingerprint >= 0) {
                throw new StunParseException("STUN attribute after FINGERPRINT", p);
            }
            if (p + 4 > len) {
                throw new StunParseException("truncated STUN attribute header", p);
            }
            int attrType = readShort(raw, p);
            int attrLen = readShort(raw, p + 2);
            int padded = (attrLen + 3) & ~3;
            if (p + 4 + padded > len) {
                throw new StunParseException("STUN attribute 0x" + Integer.toHexString(attrType) + " of " + attrLen
                        + " bytes overruns the message", p);
            }
            byte[] value = Arrays.copyOfRange(raw, p + 4, p + 4 + attrLen);
            if (attrType == FINGERPRINT) {
                if (attrLen != 4) {
                    throw new StunParseException("FINGERPRINT must be 4 bytes, is " + attrLen, p);
                }
                fingerprint = p;
            } else if (attrType == MESSAGE_INTEGRITY) {
                if (attrLen != 20) {
                    throw new StunParseException("MESSAGE-INTEGRITY must be 20 bytes, is " + attrLen, p);
                }
                if (integrity < 0) {
                    integrity = p;
                }
            }
            if (integrity < 0 || attrType == MESSAGE_INTEGRITY && integrity == p || attrType == FINGERPRINT) {
                attributes.add(new Attribute(attrType, value, p));
            }
            p += 4 + padded;
        }
        return new StunMessage(readShort(raw, 0), Arrays.copyOfRange(raw, 8, 20), List.copyOf(attributes), raw,
                integrity, fingerprint);
    }

    int type() {
        return type;
    }

    byte[] transactionId() {
        return transactionId.clone();
    }

    boolean hasTransactionId(byte[] id) {
        return Arrays.equals(transactionId, id);
    }

    /** The first attribute of this type (before MESSAGE-INTEGRITY), or null. */
    byte[] attribute(int attrType) {
        for (Attribute a : attributes) {
            if (a.type() == attrType) {
                return a.value().clone();
            }
        }
        return null;
    }

    boolean has(int attrType) {
        return attributes.stream().anyMatch(a -> a.type() == attrType);
    }

    String username() {
        byte[] v = attribute(USERNAME);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** ERROR-CODE as class*100+number, or -1. */
    int errorCode() {
        byte[] v = attribute(ERROR_CODE);
        return v == null || v.length < 4 ? -1 : (v[2] & 0x7) * 100 + (v[3] & 0xff);
    }

    /** A 64-bit attribute value (ICE-CONTROLLING/ICE-CONTROLLED tie-breaker), or null. */
    Long longAttribute(int attrType) {
        byte[] v = attribute(attrType);
        if (v == null || v.length != 8) {
            return null;
        }
        return ((long) readInt(v, 0) << 32) | (readInt(v, 4) & 0xffffffffL);
    }

    /** XOR-MAPPED-ADDRESS (or MAPPED-ADDRESS), or null when absent or malformed. */
    InetSocketAddress mappedAddress() {
        byte[] x = attribute(XOR_MAPPED_ADDRESS);
        boolean xor = x != null;
        byte[] v = xor ? x : attribute(MAPPED_ADDRESS);
        if (v == null || v.length < 8) {
            return null;
        }
        int family = v[1];
        int addrLen = family == 1 ? 4 : family == 2 ? 16 : -1;
        if (addrLen < 0 || v.length != 4 + addrLen) {
            return null;
        }
        byte[] mask = xorMask();
        int port = readShort(v, 2) ^ (xor ? MAGIC_COOKIE >>> 16 : 0);
        byte[] addr = Arrays.copyOfRange(v, 4, 4 + addrLen);
        if (xor) {
            for (int i = 0; i < addrLen; i++) {
                addr[i] ^= mask[i];
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(addr), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Verifies MESSAGE-INTEGRITY with the short-term key (the password's UTF-8 bytes); false when absent. */
    boolean checkIntegrity(byte[] key) {
        if (integrityOffset < 0) {
            return false;
        }
        byte[] prefix = Arrays.copyOf(raw, integrityOffset);
        writeShort(prefix, 2, integrityOffset + 24 - HEADER);
        byte[] expected = hmacSha1(key, prefix);
        byte[] actual = Arrays.copyOfRange(raw, integrityOffset + 4, integrityOffset + 24);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Whether FINGERPRINT is present and correct. */
    boolean checkFingerprint() {
        if (fingerprintOffset < 0) {
            return false;
        }
        byte[] prefix = Arrays.copyOf(raw, fingerprintOffset);
        writeShort(prefix, 2, fingerprintOffset + 8 - HEADER);
        return readInt(raw, fingerprintOffset + 4) == crc(prefix);
    }

    private byte[] xorMask() {
        byte[] m = new byte[16];
        writeInt(m, 0, MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, m, 4, 12);
        return m;
    }

    /** Builds an outgoing message; MESSAGE-INTEGRITY and FINGERPRINT are appended last by {@link #build}. */
    static final class Builder {
        private final int type;
        private final byte[] transactionId;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        Builder(int type, byte[] transactionId) {
            if (transactionId.length != 12) {
                throw new IllegalArgumentException("STUN transaction id must be 12 bytes");
            }
            this.type = type;
            this.transactionId = transactionId.clone();
        }

        Builder add(int attrType, byte[] value) {
            byte[] h = new byte[4];
            writeShort(h, 0, attrType);
            writeShort(h, 2, value.length);
            body.writeBytes(h);
            body.writeBytes(value);
            body.writeBytes(new byte[(4 - value.length % 4) % 4]);
            return this;
        }

        Builder username(String username) {
            return add(USERNAME, username.getBytes(StandardCharsets.UTF_8));
        }

        Builder addLong(int attrType, long value) {
            byte[] v = new byte[8];
            writeInt(v, 0, (int) (value >>> 32));
            writeInt(v, 4, (int) value);
            return add(attrType, v);
        }

        Builder addInt(int attrType, int value) {
            byte[] v = new byte[4];
            writeInt(v, 0, value);
            return add(attrType, v);
        }

        Builder errorCode(int code, String reason) {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            byte[] v = new byte[4 + text.length];
            v[2] = (byte) (code / 100);
            v[3] = (byte) (code % 100);
            System.arraycopy(text, 0, v, 4, text.length);
            return add(ERROR_CODE, v);
        }

        Builder xorMappedAddress(InetSocketAddress address) {
            byte[] a = address.getAddress().getAddress();
            byte[] v = new byte[4 + a.length];
            v[1] = (byte) (a.length == 4 ? 1 : 2);
            writeShort(v, 2, address.getPort() ^ (MAGIC_COOKIE >>> 16));
            byte[] mask = new byte[16];
            writeInt(mask, 0, MAGIC_COOKIE);
            System.arraycopy(transactionId, 0, mask, 4, 12);
            for (int i = 0; i < a.length; i++) {
                v[4 + i] = (byte) (a[i] ^ mask[i]);
            }
            return add(XOR_MAPPED_ADDRESS, v);
        }

        /**
         * @param integrityKey key for MESSAGE-INTEGRITY, or null to omit it
         * @param fingerprint  whether to append FINGERPRINT
         */
        byte[] build(byte[] integrityKey, boolean fingerprint) {
            byte[] attrs = body.toByteArray();
            int total = HEADER + attrs.length + (integrityKey != null ? 24 : 0) + (fingerprint ? 8 : 0);
            byte[] out = new byte[total];
            writeShort(out, 0, type);
            writeInt(out, 4, MAGIC_COOKIE);
            System.arraycopy(transactionId, 0, out, 8, 12);
            System.arraycopy(attrs, 0, out, HEADER, attrs.length);
            int p = HEADER + attrs.length;
            if (integrityKey != null) {
                writeShort(out, 2, p + 24 - HEADER);
                byte[] mac = hmacSha1(integrityKey, Arrays.copyOf(out, p));
                writeShort(out, p, MESSAGE_INTEGRITY);
                writeShort(out, p + 2, 20);
                System.arraycopy(mac, 0, out, p + 4, 20);
                p += 24;
            }
            if (fingerprint) {
                writeShort(out, 2, p + 8 - HEADER);
                int crc = crc(Arrays.copyOf(out, p));
                writeShort(out, p, FINGERPRINT);
                writeShort(out, p + 2, 4);
                writeInt(out, p + 4, crc);
                p += 8;
            }
            writeShort(out, 2, p - HEADER);
            return out;
        }
    }

    private static byte[] hmacSha1(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    private static int crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    static int readShort(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    static int readInt(byte[] b, int p) {
        return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
    }

    static void writeShort(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 8);
        b[p + 1] = (byte) v;
    }

    static void writeInt(byte[] b, int p, int v) {
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
    }
}
