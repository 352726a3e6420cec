package io.github.rcsoftphone.media.secure;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jitsi.srtp.BaseSrtpCryptoContext;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.utils.ByteArrayBuffer;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * SRTP and SRTCP protect/unprotect for one session (jitsi-srtp underneath), with one crypto context per SSRC and
 * direction. Thread-safe. A context for a new incoming SSRC is kept only once a packet authenticated with it, so
 * forged packets cannot poison the replay window; at most {@value #MAX_SSRCS} SSRCs per direction.
 */
public final class SrtpSession implements AutoCloseable {
    static final int MAX_SSRCS = 32;

    /** Outcome of {@link #unprotectRtp} / {@link #unprotectRtcp}. */
    public enum Status { OK, AUTH_FAILED, REPLAYED, INVALID }

    /** An unprotect result: the plain packet when {@link Status#OK}, else null. */
    public record Result(Status status, byte[] packet) {}

    private static final Logger LOG = new LoggerImpl(SrtpSession.class.getName());

    private final SrtpContextFactory sendFactory;
    private final SrtpContextFactory receiveFactory;
    private final Map<Integer, SrtpCryptoContext> sendRtp = new ConcurrentHashMap<>();
    private final Map<Integer, SrtcpCryptoContext> sendRtcp = new ConcurrentHashMap<>();
    private final Map<Integer, SrtpCryptoContext> receiveRtp = new ConcurrentHashMap<>();
    private final Map<Integer, SrtcpCryptoContext> receiveRtcp = new ConcurrentHashMap<>();
    /** The context of the SSRC last sent from (nearly always the only one): no map lookup per packet. */
    private volatile SendRtp lastSendRtp;

    private record SendRtp(int ssrc, SrtpCryptoContext context) {
    }

    public SrtpSession(SrtpKeys keys) {
        AesFactory.ensureReady();
        SrtpProfile p = keys.profile();
        sendFactory = new SrtpContextFactory(true, keys.localKey(), keys.localSalt(), p.rtpPolicy(), p.rtcpPolicy(), LOG);
        receiveFactory = new SrtpContextFactory(false, keys.remoteKey(), keys.remoteSalt(), p.rtpPolicy(), p.rtcpPolicy(), LOG);
    }

    /** Encrypts and authenticates an RTP packet; returns null when it is not RTP (shorter than 12 bytes, version not 2). */
    public byte[] protectRtp(byte[] plain) {
        Buffer b = protectRtpInto(plain, null);
        return b == null ? null : b.toArray();
    }

    /**
     * Like {@link #protectRtp(byte[])} but into {@code out}, whose array is reused from packet to packet (no
     * allocation per packet); returns a view of the SRTP packet valid until the next use of {@code out}, or null.
     */
    java.nio.ByteBuffer protectRtp(byte[] plain, Scratch out) {
        return protectRtpInto(plain, out.buffer) == null ? null : out.view();
    }

    /** Protects into {@code reuse} (null: a fresh buffer); the buffer holding the SRTP packet, or null. */
    private Buffer protectRtpInto(byte[] plain, Buffer reuse) {
        if (!isRtpLike(plain, 12)) {
            return null;
        }
        int ssrc = StunMessage.readInt(plain, 8);
        SendRtp last = lastSendRtp;
        SrtpCryptoContext ctx;
        if (last != null && last.ssrc() == ssrc) {
            ctx = last.context();
        } else {
            ctx = sendContext(sendRtp, ssrc, () -> sendFactory.deriveContext(ssrc, 0));
            if (ctx == null) {
                return null;
            }
            lastSendRtp = new SendRtp(ssrc, ctx);
        }
        Buffer b = reuse == null ? new Buffer(plain, 32) : reuse;
        if (reuse != null) {
            reuse.load(plain, 32);
        }
        try {
            return ctx.transformPacket(b) == SrtpErrorStatus.OK ? b : null;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** Encrypts and authenticates an RTCP compound packet; returns null when it is not RTCP-like. */
    public byte[] protectRtcp(byte[] plain) {
        if (!isRtpLike(plain, 8)) {
            return null;
        }
        int ssrc = StunMessage.readInt(plain, 4);
        SrtcpCryptoContext ctx = sendContext(sendRtcp, ssrc, () -> sendFactory.deriveControlContext(ssrc));
        if (ctx == null) {
            return null;
        }
        Buffer b = new Buffer(plain, 32);
        try {
            return ctx.transformPacket(b) == SrtpErrorStatus.OK ? b.toArray() : null;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    /** Authenticates, replay-checks and decrypts an SRTP packet. */
    public Result unprotectRtp(byte[] packet, int offset, int length) {
        byte[] copy = java.util.Arrays.copyOfRange(packet, offset, offset + length);
        if (!isRtpLike(copy, 12)) {
            return new Result(Status.INVALID, null);
        }
        int ssrc = StunMessage.readInt(copy, 8);
        return unprotect(receiveRtp, ssrc, () -> receiveFactory.deriveContext(ssrc, 0), copy,
                (ctx, b) -> ctx.reverseTransformPacket(b, false));
    }

    /** Authenticates, replay-checks and decrypts an SRTCP packet. */
    public Result unprotectRtcp(byte[] packet, int offset, int length) {
        byte[] copy = java.util.Arrays.copyOfRange(packet, offset, offset + length);
        if (!isRtpLike(copy, 8)) {
            return new Result(Status.INVALID, null);
        }
        int ssrc = StunMessage.readInt(copy, 4);
        return unprotect(receiveRtcp, ssrc, () -> receiveFactory.deriveControlContext(ssrc), copy,
                (ctx, b) -> ctx.reverseTransformPacket(b));
    }

    @Override
    public void close() {
        sendFactory.close();
        receiveFactory.close();
    }

    private interface Derive<C> {
        C derive() throws GeneralSecurityException;
    }

    private interface Reverse<C> {
        SrtpErrorStatus apply(C ctx, ByteArrayBuffer b) throws GeneralSecurityException;
    }

    private static <C> C sendContext(Map<Integer, C> map, int ssrc, Derive<C> derive) {
        C ctx = map.get(ssrc);
        if (ctx != null) {
            return ctx;
        }
        if (map.size() >= MAX_SSRCS) {
            return null;
        }
        try {
            C fresh = derive.derive();
            C prev = map.putIfAbsent(ssrc, fresh);
            return prev != null ? prev : fresh;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }

    private static <C extends BaseSrtpCryptoContext> Result unprotect(Map<Integer, C> map, int ssrc, Derive<C> derive,
                                                                    byte[] packet, Reverse<C> reverse) {
        C ctx = map.get(ssrc);
        boolean fresh = ctx == null;
        try {
            if (fresh) {
                if (map.size() >= MAX_SSRCS) {
                    return new Result(Status.INVALID, null);
                }
                ctx = derive.derive();
            }
            Buffer b = Buffer.over(packet);
            SrtpErrorStatus status = reverse.apply(ctx, b);
            switch (status) {
                case OK:
                    if (fresh) {
                        map.putIfAbsent(ssrc, ctx);
                    }
                    return new Result(Status.OK, b.toArray());
                case AUTH_FAIL:
                    return new Result(Status.AUTH_FAILED, null);
                case REPLAY_FAIL:
                case REPLAY_OLD:
                    return new Result(Status.REPLAYED, null);
                default:
                    return new Result(Status.INVALID, null);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Result(Status.INVALID, null);
        }
    }

    private static boolean isRtpLike(byte[] p, int minLength) {
        return p != null && p.length >= minLength && (p[0] & 0xC0) == 0x80;
    }

    /** A reusable output for {@link #protectRtp(byte[], Scratch)}; not thread-safe (one per sender, or locked). */
    static final class Scratch {
        private final Buffer buffer = new Buffer(new byte[1500], 0);
        private java.nio.ByteBuffer view = java.nio.ByteBuffer.wrap(buffer.buf);

        private java.nio.ByteBuffer view() {
            if (view.array() != buffer.buf) {
                view = java.nio.ByteBuffer.wrap(buffer.buf);
            }
            view.clear();
            view.position(buffer.offset);
            view.limit(buffer.offset + buffer.length);
            return view;
        }
    }

    /** A growable {@link ByteArrayBuffer} over a private copy. */
    private static final class Buffer implements ByteArrayBuffer {
        private byte[] buf;
        private int offset;
        private int length;

        Buffer(byte[] data, int headroom) {
            buf = java.util.Arrays.copyOf(data, data.length + headroom);
            length = data.length;
        }

        /** Over {@code privateCopy} itself (the caller gives up the array). */
        static Buffer over(byte[] privateCopy) {
            return new Buffer(privateCopy);
        }

        private Buffer(byte[] privateCopy) {
            buf = privateCopy;
            length = privateCopy.length;
        }

        /** Reuses the array for a copy of {@code data} plus {@code headroom} bytes. */
        void load(byte[] data, int headroom) {
            if (buf.length < data.length + headroom) {
                buf = new byte[data.length + headroom];
            }
            System.arraycopy(data, 0, buf, 0, data.length);
            offset = 0;
            length = data.length;
        }

        byte[] toArray() {
            return java.util.Arrays.copyOfRange(buf, offset, offset + length);
        }

        @Override public byte[] getBuffer() { return buf; }
        @Override public int getOffset() { return offset; }
        @Override public int getLength() { return length; }
        @Override public void setLength(int len) { length = len; }
        @Override public void setOffset(int off) { offset = off; }
        @Override public boolean isInvalid() { return false; }

        @Override
        public void readRegionToBuff(int off, int len, byte[] out) {
            System.arraycopy(buf, offset + off, out, 0, len);
        }

        @Override
        public void grow(int howMuch) {
            if (offset + length + howMuch > buf.length) {
                buf = java.util.Arrays.copyOf(buf, offset + length + howMuch);
            }
        }

        @Override
        public void append(byte[] data, int len) {
            grow(len);
            System.arraycopy(data, 0, buf, offset + length, len);
            length += len;
        }

        @Override
        public void shrink(int len) {
            length = Math.max(0, length - len);
        }
    }
}
