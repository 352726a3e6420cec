package io.github.rcsoftphone.media.rtp;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The state of one outgoing RTP stream: SSRC, next sequence number and timestamp (random at start, RFC 3550 5.1),
 * and the packet and octet counts an RTCP sender report needs. Sequence numbers wrap at 2^16, timestamps at 2^32.
 * Not thread-safe.
 */
public final class RtpSender {

    private final long ssrc;
    private int sequence;
    private long timestamp;
    private long lastTimestamp;
    private long packetCount;
    private long octetCount;

    /** A stream with random SSRC, initial sequence number and timestamp from {@link SecureRandom}. */
    public RtpSender() {
        this(new SecureRandom());
    }

    /** A stream with random SSRC, initial sequence number and timestamp drawn from {@code random}. */
    public RtpSender(RandomGenerator random) {
        this(Objects.requireNonNull(random, "random").nextLong() & Bytes.U32_MASK, random.nextInt(1 << 16),
                random.nextLong() & Bytes.U32_MASK);
    }

    /** A stream with the given SSRC, first sequence number (0..65535) and first timestamp (32-bit); for tests. */
    public RtpSender(long ssrc, int initialSequence, long initialTimestamp) {
        this.ssrc = Bytes.requireU32("SSRC", ssrc);
        this.sequence = Bytes.requireRange("initial sequence number", initialSequence, 0, 0xFFFF);
        this.timestamp = Bytes.requireU32("initial timestamp", initialTimestamp);
        this.lastTimestamp = initialTimestamp;
    }

    /**
     * The next media packet: carries the current sequence number and timestamp, then advances the sequence number by
     * 1 and the timestamp by {@code timestampStep} (e.g. 160 for 20 ms at 8000 Hz).
     */
    public RtpPacket next(int payloadType, byte[] payload, int timestampStep, boolean marker) {
        if (timestampStep < 0) {
            throw new IllegalArgumentException("timestamp step must not be negative: " + timestampStep);
        }
        RtpPacket p = build(payloadType, payload, timestamp, marker);
        timestamp = (timestamp + timestampStep) & Bytes.U32_MASK;
        return p;
    }

    /**
     * The next packet with a timestamp the caller chooses (RFC 4733 events keep the event's start timestamp across
     * their packets); advances the sequence number only.
     */
    public RtpPacket nextEvent(int payloadType, byte[] payload, long eventTimestamp, boolean marker) {
        return build(payloadType, payload, Bytes.requireU32("event timestamp", eventTimestamp), marker);
    }

    private RtpPacket build(int payloadType, byte[] payload, long ts, boolean marker) {
        RtpPacket p = new RtpPacket(marker, payloadType, sequence, ts, ssrc, List.of(), payload);
        sequence = (sequence + 1) & 0xFFFF;
        lastTimestamp = ts;
        packetCount++;
        octetCount += p.payloadLength();
        return p;
    }

    /** Lets {@code timestampStep} timestamp units pass without sending (hold, mute, silence suppression). */
    public void skip(int timestampStep) {
        if (timestampStep < 0) {
            throw new IllegalArgumentException("timestamp step must not be negative: " + timestampStep);
        }
        timestamp = (timestamp + timestampStep) & Bytes.U32_MASK;
    }

    /** The stream's SSRC. */
    public long ssrc() {
        return ssrc;
    }

    /** Packets built so far (not wrapped; an SR carries the low 32 bits). */
    public long packetCount() {
        return packetCount;
    }

    /** Payload octets built so far (not wrapped; an SR carries the low 32 bits). */
    public long octetCount() {
        return octetCount;
    }

    /** The timestamp of the last packet built, or the initial timestamp before any. */
    public long lastTimestamp() {
        return lastTimestamp;
    }

    /** The timestamp the next {@link #next} packet will carry. */
    public long nextTimestamp() {
        return timestamp;
    }

    /** The sequence number the next packet will carry. */
    public int nextSequence() {
        return sequence;
    }

    /**
     * A sender report for this stream.
     *
     * @param ntpNow the 64-bit NTP wallclock now (see {@link Ntp})
     * @param rtpNow the RTP timestamp corresponding to {@code ntpNow} (low 32 bits are used)
     * @param blocks reception report blocks for the streams we receive (at most 31)
     */
    public SenderReport senderReport(long ntpNow, long rtpNow, List<ReportBlock> blocks) {
        return new SenderReport(ssrc, ntpNow, rtpNow & Bytes.U32_MASK, packetCount & Bytes.U32_MASK,
                octetCount & Bytes.U32_MASK, blocks);
    }
}
