package io.github.rcsoftphone.media.rtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Encoding and decoding of compound RTCP packets (RFC 3550 6.4-6.6). */
final class RtcpCodec {

    private static final int HEADER = 4;
    private static final int BLOCK = 24;
    private static final int CNAME = 1;

    private RtcpCodec() {
    }

    static List<RtcpPacket> decodeCompound(byte[] data, int offset, int length) throws RtpParseException {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length < HEADER) {
            throw new RtpParseException("RTCP packet of " + length + " bytes is shorter than its 4-byte header",
                    length);
        }
        List<RtcpPacket> out = new ArrayList<>(3);
        int pos = 0;
        while (pos < length) {
            if (length - pos < HEADER) {
                throw new RtpParseException("truncated RTCP header: " + (length - pos) + " bytes left", pos);
            }
            int b0 = Bytes.u8(data, offset + pos);
            if (b0 >>> 6 != 2) {
                throw new RtpParseException("RTCP version " + (b0 >>> 6) + " is not 2", pos);
            }
            int count = b0 & 0x1F;
            int type = Bytes.u8(data, offset + pos + 1);
            int size = (Bytes.u16(data, offset + pos + 2) + 1) * 4;
            if (size > length - pos) {
                throw new RtpParseException("RTCP packet type " + type + " of " + size + " bytes runs past the end ("
                        + (length - pos) + " left)", pos + 2);
            }
            int end = pos + size;
            if ((b0 & 0x20) != 0) {
                int pad = Bytes.u8(data, offset + end - 1);
                if (pad == 0 || pad > size - HEADER) {
                    throw new RtpParseException("RTCP padding count " + pad + " does not fit the packet", end - 1);
                }
                end -= pad;
            }
            Body body = new Body(data, offset, pos, pos + HEADER, end);
            switch (type) {
                case RtcpPacket.SR -> out.add(senderReport(body, count));
                case RtcpPacket.RR -> out.add(receiverReport(body, count));
                case RtcpPacket.SDES -> sourceDescriptions(body, count, out);
                case RtcpPacket.BYE -> out.add(bye(body, count));
                default -> out.add(new UnknownRtcp(type,
                        Arrays.copyOfRange(data, offset + pos + HEADER, offset + end), count));
            }
            pos += size;
        }
        return List.copyOf(out);
    }

    /** The body of one packet: positions are relative to the compound's start, {@code base} is added on access. */
    private record Body(byte[] data, int base, int packetStart, int start, int end) {
        void need(int at, int n, String what) throws RtpParseException {
            if (at + n > end) {
                throw new RtpParseException(what + " runs past the end of the RTCP packet", at);
            }
        }

        int u8(int at) {
            return Bytes.u8(data, base + at);
        }

        long u32(int at) {
            return Bytes.u32(data, base + at);
        }

        String text(int at, int len) {
            return new String(data, base + at, len, StandardCharsets.UTF_8);
        }
    }

    private static SenderReport senderReport(Body b, int count) throws RtpParseException {
        b.need(b.start(), 24 + BLOCK * count, "sender report with " + count + " report blocks");
        int p = b.start();
        long ntp = b.u32(p + 4) << 32 | b.u32(p + 8);
        return new SenderReport(b.u32(p), ntp, b.u32(p + 12), b.u32(p + 16), b.u32(p + 20),
                blocks(b, p + 24, count));
    }

    private static ReceiverReport receiverReport(Body b, int count) throws RtpParseException {
        b.need(b.start(), 4 + BLOCK * count, "receiver report with " + count + " report blocks");
        return new ReceiverReport(b.u32(b.start()), blocks(b, b.start() + 4, count));
    }

    private static List<ReportBlock> blocks(Body b, int at, int count) {
        List<ReportBlock> blocks = new ArrayList<>(count);
        for (int i = 0; i < count; i++, at += BLOCK) {
            long lostWord = b.u32(at + 4);
            int cumulative = (int) (lostWord << 40 >> 40);
            blocks.add(new ReportBlock(b.u32(at), (int) (lostWord >>> 24), cumulative, b.u32(at + 8),
                    b.u32(at + 12), b.u32(at + 16), b.u32(at + 20)));
        }
        return blocks;
    }

    private static void sourceDescriptions(Body b, int count, List<RtcpPacket> out) throws RtpParseException {
        int p = b.start();
        for (int chunk = 0; chunk < count; chunk++) {
            b.need(p, 4, "SDES chunk " + chunk);
            long ssrc = b.u32(p);
            p += 4;
            String cname = null;
            while (true) {
                b.need(p, 1, "SDES item list of chunk " + chunk);
                int type = b.u8(p);
                if (type == 0) {
                    p = b.packetStart() + Bytes.padTo4(p + 1 - b.packetStart());
                    break;
                }
                b.need(p, 2, "SDES item " + type);
                int len = b.u8(p + 1);
                b.need(p + 2, len, "SDES item " + type + " of " + len + " bytes");
                if (type == CNAME && cname == null) {
                    cname = b.text(p + 2, len);
                }
                p += 2 + len;
            }
            if (cname != null) {
                out.add(new SourceDescription(ssrc, truncateUtf8(cname)));
            }
        }
    }

    /** A CNAME decoded with replacement characters may exceed 255 UTF-8 bytes; keep the record's invariant. */
    private static String truncateUtf8(String s) {
        String t = s;
        while (t.getBytes(StandardCharsets.UTF_8).length > 255) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static Bye bye(Body b, int count) throws RtpParseException {
        b.need(b.start(), 4 * count, "BYE with " + count + " sources");
        List<Long> ssrcs = new ArrayList<>(count);
        int p = b.start();
        for (int i = 0; i < count; i++, p += 4) {
            ssrcs.add(b.u32(p));
        }
        String reason = null;
        if (p < b.end()) {
            int len = b.u8(p);
            b.need(p + 1, len, "BYE reason of " + len + " bytes");
            reason = truncateUtf8(b.text(p + 1, len));
        }
        return new Bye(ssrcs, reason);
    }

    static byte[] encodeCompound(List<RtcpPacket> packets) {
        int size = 0;
        for (RtcpPacket p : packets) {
            size += encodedLength(p);
        }
        byte[] out = new byte[size];
        int pos = 0;
        for (RtcpPacket p : packets) {
            pos = encode(p, out, pos);
        }
        return out;
    }

    private static int encodedLength(RtcpPacket p) {
        if (p instanceof SenderReport sr) {
            return HEADER + 24 + BLOCK * sr.reports().size();
        } else if (p instanceof ReceiverReport rr) {
            return HEADER + 4 + BLOCK * rr.reports().size();
        } else if (p instanceof SourceDescription sd) {
            return HEADER + Bytes.padTo4(4 + 2 + utf8(sd.cname()).length + 1);
        } else if (p instanceof Bye bye) {
            int reason = bye.reason() == null ? 0 : Bytes.padTo4(1 + utf8(bye.reason()).length);
            return HEADER + 4 * bye.ssrcs().size() + reason;
        } else {
            return HEADER + Bytes.padTo4(((UnknownRtcp) p).bodyLength());
        }
    }

    private static int encode(RtcpPacket p, byte[] out, int pos) {
        int size = encodedLength(p);
        int count;
        int padding = 0;
        int b = pos + HEADER;
        if (p instanceof SenderReport sr) {
            count = sr.reports().size();
            Bytes.put32(out, b, sr.ssrc());
            Bytes.put32(out, b + 4, sr.ntpTimestamp() >>> 32);
            Bytes.put32(out, b + 8, sr.ntpTimestamp());
            Bytes.put32(out, b + 12, sr.rtpTimestamp());
            Bytes.put32(out, b + 16, sr.packetCount());
            Bytes.put32(out, b + 20, sr.octetCount());
            putBlocks(sr.reports(), out, b + 24);
        } else if (p instanceof ReceiverReport rr) {
            count = rr.reports().size();
            Bytes.put32(out, b, rr.ssrc());
            putBlocks(rr.reports(), out, b + 4);
        } else if (p instanceof SourceDescription sd) {
            count = 1;
            byte[] cname = utf8(sd.cname());
            Bytes.put32(out, b, sd.ssrc());
            out[b + 4] = CNAME;
            out[b + 5] = (byte) cname.length;
            System.arraycopy(cname, 0, out, b + 6, cname.length); // terminating null and padding stay zero
        } else if (p instanceof Bye bye) {
            count = bye.ssrcs().size();
            for (Long s : bye.ssrcs()) {
                Bytes.put32(out, b, s);
                b += 4;
            }
            if (bye.reason() != null) {
                byte[] reason = utf8(bye.reason());
                out[b] = (byte) reason.length;
                System.arraycopy(reason, 0, out, b + 1, reason.length);
            }
        } else {
            UnknownRtcp u = (UnknownRtcp) p;
            count = u.count();
            u.copyBodyTo(out, b);
            padding = size - HEADER - u.bodyLength();
            if (padding > 0) {
                out[pos + size - 1] = (byte) padding;
            }
        }
        out[pos] = (byte) (0x80 | (padding > 0 ? 0x20 : 0) | count);
        out[pos + 1] = (byte) p.packetType();
        Bytes.put16(out, pos + 2, size / 4 - 1);
        return pos + size;
    }

    private static void putBlocks(List<ReportBlock> blocks, byte[] out, int at) {
        for (ReportBlock r : blocks) {
            Bytes.put32(out, at, r.ssrc());
            Bytes.put32(out, at + 4, (long) r.fractionLost() << 24 | (r.cumulativeLost() & 0xFF_FFFFL));
            Bytes.put32(out, at + 8, r.extendedHighestSequence());
            Bytes.put32(out, at + 12, r.jitter());
            Bytes.put32(out, at + 16, r.lastSr());
            Bytes.put32(out, at + 20, r.delaySinceLastSr());
            at += BLOCK;
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
