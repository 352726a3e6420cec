package io.github.rcsoftphone.media.rtp;

/**
 * Reception statistics for one remote RTP source (RFC 3550 A.1, A.3, A.8): sequence validation with probation
 * ({@link #MIN_SEQUENTIAL} in-order packets before a source counts), 16-bit wrap (cycles), restart after a jump
 * larger than {@link #MAX_DROPOUT} confirmed by the next packet in sequence, expected/lost counts, interarrival
 * jitter, LSR/DLSR for our reports and the round-trip time of our own stream from the peer's report blocks.
 *
 * <p>Differences from the RFC's sample code, on purpose: the packets of a probation run (and the packet that
 * announced a restart) are counted as received, so {@code received} matches what arrived; duplicates (detected
 * within the last 128 sequence numbers) are counted apart and not as received, so they do not hide losses. A packet
 * from another SSRC is ignored unless the next one continues it in sequence, in which case the statistics start
 * over for the new source (the caller normally routes by SSRC). Not thread-safe.
 */
public final class RtpReceiverStats {

    /** In-order packets needed before a new source is valid. */
    public static final int MIN_SEQUENTIAL = 2;
    /** Largest forward jump still taken as loss rather than a restart. */
    public static final int MAX_DROPOUT = 3000;
    /** Largest backward step still taken as reordering rather than a restart. */
    public static final int MAX_MISORDER = 100;

    private static final int SEQ_MOD = 1 << 16;

    /** Counters at a point in time; {@code roundTripMs} is NaN until a report block gave one. */
    public record Snapshot(long packetsReceived, long packetsExpected, long packetsLost, double jitterMs,
                           double roundTripMs, long duplicates, long late) {
    }

    private final int clockRate;
    private final SeqWindow seen = new SeqWindow(128);

    private boolean haveSource;
    private long ssrc;
    private int probation;
    private int maxSeq;
    private long cycles;
    private long baseExt;
    private int badSeq;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private long duplicates;
    private long late;

    private boolean haveTransit;
    private long lastArrivalNanos;
    private long lastRtpTimestamp;
    private double jitter;

    private boolean haveSr;
    private long lastSrMiddle;
    private long lastSrArrivalNanos;
    private double roundTripMs = Double.NaN;

    private RtpPacket otherSource;
    private long otherSourceArrival;

    /** Statistics for a stream whose RTP clock runs at {@code clockRate} Hz. */
    public RtpReceiverStats(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /** Accounts for one received packet that arrived at {@code arrivalNanos} (any monotonic clock). */
    public void onPacket(RtpPacket p, long arrivalNanos) {
        onPacket(p, arrivalNanos, true);
    }

    /**
     * Accounts for a telephone-event packet of the same stream (RFC 4733): it takes a sequence number, so it counts
     * as received (else every key press would show as loss), but not for the jitter: all packets of one event carry
     * the event's start timestamp (RFC 4733 2.3.1), so their arrival spacing says nothing about the network.
     */
    public void onEventPacket(RtpPacket p, long arrivalNanos) {
        onPacket(p, arrivalNanos, false);
    }

    private void onPacket(RtpPacket p, long arrivalNanos, boolean timed) {
        if (!haveSource) {
            startSource(p.ssrc(), p.sequenceNumber());
        } else if (p.ssrc() != ssrc) {
            RtpPacket first = otherSource;
            if (first != null && first.ssrc() == p.ssrc()
                    && p.sequenceNumber() == ((first.sequenceNumber() + 1) & 0xFFFF)) {
                long firstArrival = otherSourceArrival;
                startSource(p.ssrc(), first.sequenceNumber());
                account(first, firstArrival, true);
            } else {
                otherSource = p;
                otherSourceArrival = arrivalNanos;
                return;
            }
        }
        account(p, arrivalNanos, timed);
    }

    private void startSource(long newSsrc, int seq) {
        haveSource = true;
        ssrc = newSsrc;
        initSeq(seq);
        maxSeq = (seq - 1) & 0xFFFF;
        probation = MIN_SEQUENTIAL;
        received = 0;
        duplicates = 0;
        late = 0;
        jitter = 0;
        haveTransit = false;
        haveSr = false;
        otherSource = null;
    }

    private void initSeq(int seq) {
        maxSeq = seq;
        cycles = 0;
        baseExt = seq;
        badSeq = SEQ_MOD + 1;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
        seen.clear();
        seen.add(seq);
    }

    private void account(RtpPacket p, long arrivalNanos, boolean timed) {
        int seq = p.sequenceNumber();
        if (probation > 0) {
            if (seq == ((maxSeq + 1) & 0xFFFF)) {
                probation--;
                maxSeq = seq;
                if (probation == 0) {
                    validated(seq, MIN_SEQUENTIAL);
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            updateJitter(p, arrivalNanos, timed);
            return;
        }
        int udelta = (seq - maxSeq) & 0xFFFF;
        long ext;
        if (udelta == 0) {
            duplicates++;
            return;
        } else if (udelta < MAX_DROPOUT) {
            if (seq < maxSeq) {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
            ext = cycles + seq;
        } else if (udelta <= SEQ_MOD - MAX_MISORDER) {
            if (seq == badSeq) {
                validated(seq, 2);
                haveTransit = false;
                updateJitter(p, arrivalNanos, timed);
            } else {
                badSeq = (seq + 1) & 0xFFFF;
            }
            return;
        } else {
            ext = cycles + maxSeq - (SEQ_MOD - udelta);
            if (seen.contains(ext)) {
                duplicates++;
                return;
            }
            late++;
        }
        seen.add(ext);
        received++;
        updateJitter(p, arrivalNanos, timed);
    }

    /** A run of {@code run} in-order packets ending at {@code seq} makes the source valid (RFC init_seq). */
    private void validated(int seq, int run) {
        initSeq(seq);
        baseExt = seq - (run - 1L);
        for (int i = 1; i < run; i++) {
            seen.add(seq - (long) i);
        }
        received = run;
    }

    private void updateJitter(RtpPacket p, long arrivalNanos, boolean timed) {
        if (!timed) {
            return;
        }
        if (haveTransit) {
            double arrivalUnits = (arrivalNanos - lastArrivalNanos) * (double) clockRate / 1e9;
            int rtpUnits = (int) (p.timestamp() - lastRtpTimestamp);
            double d = Math.abs(arrivalUnits - rtpUnits);
            jitter += (d - jitter) / 16.0;
        }
        haveTransit = true;
        lastArrivalNanos = arrivalNanos;
        lastRtpTimestamp = p.timestamp();
    }

    /** Remembers the middle of the peer's SR NTP timestamp and when it arrived, for LSR/DLSR. */
    public void onSenderReport(SenderReport sr, long arrivalNanos) {
        if (haveSource && sr.ssrc() != ssrc) {
            return;
        }
        haveSr = true;
        lastSrMiddle = Ntp.middle32(sr.ntpTimestamp());
        lastSrArrivalNanos = arrivalNanos;
    }

    /**
     * The report block about this source now, and the start of a new "since last report" interval for the fraction
     * lost. Before the source is valid the counts are zero.
     */
    public ReportBlock reportBlock(long nowNanos) {
        long lsr = haveSr ? lastSrMiddle : 0;
        long dlsr = haveSr ? Ntp.nanosToShort(nowNanos - lastSrArrivalNanos) : 0;
        long jitterUnits = Math.min(Bytes.U32_MASK, Math.round(jitter));
        if (!haveSource || probation > 0) {
            return new ReportBlock(haveSource ? ssrc : 0, 0, 0, 0, jitterUnits, lsr, dlsr);
        }
        long expected = expected();
        long lost = Math.max(-0x80_0000L, Math.min(0x7F_FFFFL, expected - received));
        long expectedInterval = expected - expectedPrior;
        long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        long lostInterval = expectedInterval - receivedInterval;
        int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0
                : (int) Math.min(255, (lostInterval << 8) / expectedInterval);
        return new ReportBlock(ssrc, fraction, (int) lost, (cycles + maxSeq) & Bytes.U32_MASK, jitterUnits, lsr, dlsr);
    }

    private long expected() {
        return cycles + maxSeq - baseExt + 1;
    }

    /**
     * Round-trip time of our stream from the block the peer sent about it (RFC 3550 6.4.1: A - LSR - DLSR).
     * Blocks without an LSR, or giving a negative time, leave the previous value.
     *
     * @param ntpNowMiddle32 {@link Ntp#middle32} of our NTP wallclock now
     */
    public void onReceiverReportBlock(ReportBlock ourSendingStreamBlock, long nowNanos, long ntpNowMiddle32) {
        if (ourSendingStreamBlock.lastSr() == 0) {
            return;
        }
        long rtt = (ntpNowMiddle32 - ourSendingStreamBlock.lastSr() - ourSendingStreamBlock.delaySinceLastSr())
                & Bytes.U32_MASK;
        if (rtt >= 1L << 31) {
            return;
        }
        roundTripMs = Ntp.shortToMillis(rtt);
    }

    /** The interarrival jitter in timestamp units. */
    public double jitterUnits() {
        return jitter;
    }

    /** The SSRC being measured, or -1 before the first packet. */
    public long ssrc() {
        return haveSource ? ssrc : -1;
    }

    /** The current counters. */
    public Snapshot snapshot() {
        boolean valid = haveSource && probation == 0;
        long expected = valid ? expected() : 0;
        long got = valid ? received : 0;
        return new Snapshot(got, expected, expected - got, jitter * 1000.0 / clockRate, roundTripMs, duplicates, late);
    }
}
