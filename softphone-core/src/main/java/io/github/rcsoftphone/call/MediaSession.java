package io.github.rcsoftphone.call;

import io.github.rcsoftphone.Call.CallStats;
import io.github.rcsoftphone.media.audio.AudioSource;
import io.github.rcsoftphone.media.audio.LoopSource;
import io.github.rcsoftphone.media.audio.WavWriter;
import io.github.rcsoftphone.media.codec.AudioCodecs;
import io.github.rcsoftphone.media.codec.AudioDecoder;
import io.github.rcsoftphone.media.codec.AudioEncoder;
import io.github.rcsoftphone.media.codec.CodecException;
import io.github.rcsoftphone.media.codec.OpusImplementation;
import io.github.rcsoftphone.media.codec.Resampler;
import io.github.rcsoftphone.media.codec.TelephoneEvent;
import io.github.rcsoftphone.media.rtp.JitterBuffer;
import io.github.rcsoftphone.media.rtp.ReceiverReport;
import io.github.rcsoftphone.media.rtp.ReportBlock;
import io.github.rcsoftphone.media.rtp.RtcpPacket;
import io.github.rcsoftphone.media.rtp.RtpPacket;
import io.github.rcsoftphone.media.rtp.RtpParseException;
import io.github.rcsoftphone.media.rtp.RtpReceiverStats;
import io.github.rcsoftphone.media.rtp.RtpSender;
import io.github.rcsoftphone.media.rtp.SenderReport;
import io.github.rcsoftphone.media.rtp.SourceDescription;
import io.github.rcsoftphone.media.rtp.Ntp;
import io.github.rcsoftphone.media.secure.MediaListener;
import io.github.rcsoftphone.media.secure.MediaSecurityException;
import io.github.rcsoftphone.media.secure.MediaTransport;
import io.github.rcsoftphone.sdp.AudioChoice;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media of one call: SRTP packets in -> statistics -> jitter buffer -> decoder (own state per call; buffered and
 * decoded only while a recording or a frame listener takes the audio) -> the recorder and the frame listeners; the playing source (or silence) -> encoder -> RTP out. Driven by the
 * softphone's {@link MediaClock}; packets arrive on the shared media I/O thread.
 */
final class MediaSession implements MediaListener, MediaClock.Tickable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaSession.class);
    private static final int RTCP_EVERY_TICKS = 250;
    /** The jitter buffer's smallest target: 60 ms. It adapts up to {@link #MAX_TARGET} and catches up by itself. */
    private static final int MIN_TARGET = 3;
    /** 300 ms: the most delay variation the jitter buffer follows. */
    private static final int MAX_TARGET = 15;
    /** 3 s: room for the media thread to fall behind (a cold JVM, a loaded machine) without dropping audio. */
    private static final int MAX_DEPTH = 150;

    private final MediaTransport transport;
    private final String codecName;
    private final int payloadType;
    private final int telephoneEventPt;
    private final int timestampStep;
    private final AudioDecoder decoder;
    private final AudioEncoder encoder;
    private final JitterBuffer jitter;
    private final RtpReceiverStats stats;
    private final RtpSender sender = new RtpSender(new SecureRandom());
    private final DtmfSender dtmfSender;
    private final List<FrameSink> sinks = new CopyOnWriteArrayList<>();
    private final Consumer<MediaSecurityException> onFailure;
    private final Consumer<Character> onDtmf;
    private final MediaWatchdog watchdog;
    private final Runnable onSilence;
    private volatile boolean connected;
    private long lastEventTimestamp = -1;
    private final long startNanos = System.nanoTime();
    private final String cname;
    private volatile WavWriter recorder;
    private volatile Playback playback;
    private boolean receiving;
    private long ticks;
    private volatile boolean closed;
    /**
     * Silence goes through the call's encoder for this many frames after audio (Opus: its look-ahead still holds
     * the audio's tail, and the decoder's pitch prediction carries the tone on), then that settled silent frame is
     * repeated: a silent call costs no encoder time. Repeating the first silent frame after a tone played the tone
     * on at -20 dBFS.
     */
    private static final int SILENCE_SETTLE_FRAMES = 25;
    private byte[] encodedSilence;
    private int silentFrames;
    private long framesDecoded;
    // what the call's direction allows (HoldControl): RTP out at all, the source (else silence), received audio out
    private volatile boolean sendRtp = true;
    private volatile boolean playSource = true;
    private volatile boolean deliverReceived = true;
    private volatile boolean muted;

    /**
     * @param opusComplexity the Opus encoder's complexity, 0-10
     * @param watchdog notices a far end that stopped sending; watched once {@link #connected()} and while both
     *     directions flow
     * @param onSilence runs once (on the media clock's thread) when the watchdog expires
     */
    MediaSession(MediaTransport transport, AudioChoice choice, OpusImplementation opus, int opusComplexity, String cname,
            Consumer<MediaSecurityException> onFailure, Consumer<Character> onDtmf, MediaWatchdog watchdog, Runnable onSilence) {
        this.onDtmf = onDtmf;
        this.watchdog = watchdog;
        this.onSilence = onSilence;
        this.transport = transport;
        String enc = choice.codec().encoding();
        int clock = choice.codec().clockRate();
        int channels = choice.codec().channels();
        this.codecName = enc.toLowerCase(java.util.Locale.ROOT) + "/" + clock + (channels > 1 ? "/" + channels : "");
        this.payloadType = choice.codec().payloadType();
        this.telephoneEventPt = choice.telephoneEvent() == null ? -1 : choice.telephoneEvent().payloadType();
        this.timestampStep = AudioCodecs.rtpTimestampStep(enc, clock);
        this.dtmfSender = new DtmfSender(telephoneEventPt,
                choice.telephoneEvent() == null ? 8000 : choice.telephoneEvent().clockRate(), timestampStep);
        this.decoder = AudioCodecs.decoder(enc, clock, channels, opus);
        try {
            this.encoder = AudioCodecs.encoder(enc, clock, channels, opus, opusComplexity);
        } catch (RuntimeException e) {
            decoder.close();
            throw e;
        }
        this.jitter = new JitterBuffer(clock, timestampStep, MIN_TARGET, MAX_TARGET, MAX_DEPTH);
        this.stats = new RtpReceiverStats(clock);
        this.cname = cname;
        this.onFailure = onFailure;
        transport.listener(this);
    }

    String codec() {
        return codecName;
    }

    /** The rate of decoded audio (and of the recording). */
    int sampleRate() {
        return decoder.sampleRate();
    }

    void record(Path wav) throws IOException {
        WavWriter old = recorder;
        recorder = new WavWriter(wav, decoder.sampleRate());
        if (old != null) {
            old.close();
        }
    }

    /** Adds a frame consumer at {@code rate}; {@code null} removes every consumer (and the rate is not used). */
    void onAudio(int rate, Consumer<short[]> frames) {
        if (frames == null) {
            sinks.clear();
        } else {
            sinks.add(new FrameSink(new Resampler(decoder.sampleRate(), rate), frames));
        }
    }

    /** Frames decoded (or concealed) so far: received audio is decoded only while it is recorded or listened to. */
    synchronized long framesDecoded() {
        return framesDecoded;
    }

    /** Whether received audio goes anywhere: a recording or a frame consumer. */
    private boolean decoding() {
        return recorder != null || !sinks.isEmpty();
    }

    void play(AudioSource source) {
        Playback old = playback;
        playback = new Playback(source, new Resampler(source.sampleRate(), encoder.sampleRate()),
                encoder.frameSamples());
        if (old != null) {
            closeQuietly(old.source());
        }
    }

    /** Queues key presses (RFC 4733); {@code done} completes when the last one's end packets went out. */
    void sendDtmf(String digits, io.github.rcsoftphone.DtmfOptions options,
            java.util.concurrent.CompletableFuture<Void> done) {
        dtmfSender.enqueue(digits, options, done);
    }

    /**
     * Applies the call's media direction: {@code sendRtp} false sends no RTP at all (the far end holds us; RTCP goes
     * on); {@code playSource} false pauses the playing source and sends encoded silence; {@code deliverReceived}
     * false drops received audio (not played out, recorded or given to listeners).
     */
    void flow(boolean sendRtp, boolean playSource, boolean deliverReceived) {
        this.sendRtp = sendRtp;
        this.playSource = playSource;
        this.deliverReceived = deliverReceived;
        watchFarEnd();
    }

    /** The call is answered: from now on the far end's silence is watched (while both directions flow). */
    void connected() {
        connected = true;
        watchFarEnd();
    }

    /** Watched only while the far end should be sending: connected, and neither side holds (nor inactive). */
    private void watchFarEnd() {
        watchdog.watch(connected && sendRtp && deliverReceived, System.nanoTime());
    }

    /** Muted: encoded silence goes out instead of the source's audio (which keeps playing). */
    void mute(boolean muted) {
        this.muted = muted;
    }

    // ---- receive side (the shared media I/O thread: quick, never blocking)

    @Override
    public void onRtp(byte[] data) {
        watchdog.heard(System.nanoTime());
        RtpPacket p;
        try {
            p = RtpPacket.decode(data, 0, data.length);
        } catch (RtpParseException e) {
            LOG.debug("dropped a malformed RTP packet: {}", e.getMessage());
            return;
        }
        if (p.payloadType() == telephoneEventPt) {
            if (deliverReceived) {
                synchronized (jitter) {
                    stats.onEventPacket(p, System.nanoTime());
                }
            }
            telephoneEvent(p);
            return;
        }
        if (p.payloadType() != payloadType) {
            return;
        }
        if (!deliverReceived) {   // we hold the call: we do not listen
            return;
        }
        long now = System.nanoTime();
        boolean buffer = decoding();
        synchronized (jitter) {
            stats.onPacket(p, now);
            if (buffer) {   // nobody records or listens: counted, not buffered (the tick would drop it undecoded)
                jitter.put(p, now);
            }
            receiving = true;
        }
    }

    /**
     * One report per key press: the first packet of each event timestamp (retransmitted and end packets repeat it;
     * timestamps compare as RFC 1982 serial numbers).
     */
    private void telephoneEvent(RtpPacket p) {
        TelephoneEvent event;
        try {
            event = TelephoneEvent.decode(p.payload());
        } catch (CodecException e) {
            LOG.debug("dropped a malformed telephone-event: {}", e.getMessage());
            return;
        }
        synchronized (this) {
            // a new key press has a later timestamp; retransmissions, and late end packets of an earlier key, not
            if (lastEventTimestamp >= 0 && (int) (p.timestamp() - lastEventTimestamp) <= 0) {
                return;
            }
            lastEventTimestamp = p.timestamp();
        }
        char digit = event.digit();
        if (digit != '?' && digit != '!') {
            onDtmf.accept(digit);
        }
    }

    @Override
    public void onRtcp(byte[] data) {
        try {
            long now = System.nanoTime();
            watchdog.heard(now);
            for (RtcpPacket packet : RtcpPacket.decodeCompound(data, 0, data.length)) {
                List<ReportBlock> blocks = List.of();
                if (packet instanceof SenderReport sr) {
                    synchronized (jitter) {
                        stats.onSenderReport(sr, now);
                    }
                    blocks = sr.reports();
                } else if (packet instanceof ReceiverReport rr) {
                    blocks = rr.reports();
                }
                for (ReportBlock b : blocks) {
                    if (b.ssrc() == sender.ssrc()) {
                        synchronized (jitter) {
                            stats.onReceiverReportBlock(b, now, Ntp.middle32(Ntp.toNtp(java.time.Instant.now())));
                        }
                    }
                }
            }
        } catch (RtpParseException e) {
            LOG.debug("dropped a malformed RTCP packet: {}", e.getMessage());
        }
    }

    @Override
    public void onFailure(MediaSecurityException e) {
        onFailure.accept(e);
    }

    // ---- the 20 ms tick (media clock thread)

    @Override
    public synchronized void tick(long now) {
        if (closed) {
            return;
        }
        if (watchdog.expired(now)) {
            onSilence.run();
        }
        receive();
        send();
        if (++ticks % RTCP_EVERY_TICKS == 0) {
            sendRtcp(now);
        }
    }

    /**
     * One slot per tick: the jitter buffer decides what it is. Packets its catch-up drops from live playout (a
     * backlog) still go through the decoder (its state stays continuous) and into the recording, which keeps every
     * packet received.
     */
    private void receive() {
        if (!decoding()) {
            synchronized (jitter) {
                jitter.flush();   // nobody records or listens: nothing is decoded; a later listener starts afresh
            }
            return;
        }
        JitterBuffer.Slot slot;
        List<RtpPacket> dropped = new java.util.ArrayList<>(1);
        synchronized (jitter) {
            slot = jitter.poll(dropped::add);
        }
        for (RtpPacket p : dropped) {
            record(decode(p));
        }
        deliver(slot);
    }

    private short[] decode(RtpPacket p) {
        framesDecoded++;
        try {
            return decoder.decode(p.payload());
        } catch (CodecException e) {
            return decoder.conceal();
        }
    }

    private short[] conceal() {
        framesDecoded++;
        return decoder.conceal();
    }

    private void deliver(JitterBuffer.Slot slot) {
        short[] pcm;
        if (slot instanceof JitterBuffer.Slot.Packet packet) {
            pcm = decode(packet.packet());
        } else if (slot instanceof JitterBuffer.Slot.Lost) {
            pcm = conceal();   // a gap in the sequence: the recording keeps the RTP timeline
        } else {
            return; // Empty: nothing due yet (not started, or waiting for late packets) - they play when they come
        }
        record(pcm);
        for (FrameSink sink : sinks) {
            sink.deliver(pcm);
        }
    }

    private void send() {
        if (!sendRtp) {   // the far end holds us: no RTP (RFC 3264), the timestamp still advances with time
            sender.skip(timestampStep);
            return;
        }
        if (dtmfSender.tick(sender, packet -> transport.sendRtp(packet.encode()))) {
            return;   // a telephone-event packet took this slot; the playing source waits
        }
        short[] pcm = null;
        Playback p = playSource ? playback : null;
        if (p != null) {
            pcm = p.next(encoder.sampleRate() / 50, encoder.sampleRate());
            if (pcm == null) {
                playback = null;
                closeQuietly(p.source());
            }
        }
        byte[] payload;
        if (pcm == null || muted) {
            if (silentFrames < SILENCE_SETTLE_FRAMES) {
                encodedSilence = encoder.encode(new short[encoder.frameSamples()]);
                silentFrames++;
            }
            payload = encodedSilence;
        } else {
            silentFrames = 0;
            payload = p.encode(pcm, encoder);
        }
        RtpPacket packet = sender.next(payloadType, payload, timestampStep, false);
        transport.sendRtp(packet.encode());
    }

    private void sendRtcp(long now) {
        ReportBlock block;
        synchronized (jitter) {
            block = receiving ? stats.reportBlock(now) : null;
        }
        long ntp = Ntp.toNtp(java.time.Instant.now());
        SenderReport sr = sender.senderReport(ntp, sender.lastTimestamp(), block == null ? List.of() : List.of(block));
        transport.sendRtcp(RtcpPacket.encodeCompound(List.of(sr, new SourceDescription(sender.ssrc(), cname))));
    }

    private void record(short[] pcm) {
        WavWriter w = recorder;
        if (w != null) {
            try {
                w.write(pcm);
            } catch (IOException e) {
                LOG.warn("recording stopped: {}", e.toString());
                recorder = null;
            }
        }
    }

    /** The end of the call: what the jitter buffer still holds goes to the recording (not to live listeners). */
    private void drainIntoRecording() {
        List<JitterBuffer.Slot> rest;
        synchronized (jitter) {
            rest = jitter.drain();
            LOG.debug("media of {} ends: {}", codecName, jitter);
        }
        for (JitterBuffer.Slot slot : rest) {
            if (recorder == null) {
                return;
            }
            record(slot instanceof JitterBuffer.Slot.Packet p ? decode(p.packet()) : conceal());
        }
    }

    CallStats stats() {
        RtpReceiverStats.Snapshot s;
        synchronized (jitter) {
            s = stats.snapshot();
        }
        MediaTransport.Counters c = transport.counters();
        return new CallStats(codecName, s.packetsReceived(), s.packetsLost(), s.jitterMs(), sender.packetCount(),
                s.roundTripMs(), (System.nanoTime() - startNanos) / 1_000_000, c.authFailures(), c.replaysDropped());
    }

    /**
     * Stops the media; what the jitter buffer still holds is written to the recording first. Frees the codecs
     * (native libopus state): no tick or drain uses them after this (both hold this session's lock).
     */
    @Override
    public void close() {
        closeMedia();
        // outside the lock: closing waits for the shared media I/O thread, which may be delivering a packet to us
        transport.close();
    }

    private synchronized void closeMedia() {
        if (closed) {
            return;
        }
        drainIntoRecording();
        closed = true;
        dtmfSender.close();
        WavWriter w = recorder;
        recorder = null;
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                LOG.warn("closing the recording failed: {}", e.toString());
            }
        }
        Playback p = playback;
        if (p != null) {
            closeQuietly(p.source());
        }
        decoder.close();
        encoder.close();
    }

    private static void closeQuietly(AudioSource s) {
        try {
            s.close();
        } catch (Exception e) {
            LOG.debug("closing an audio source: {}", e.toString());
        }
    }

    private record FrameSink(Resampler resampler, Consumer<short[]> consumer) {
        void deliver(short[] pcm) {
            short[] out = resampler.process(pcm);
            if (out.length > 0) {
                try {
                    consumer.accept(out);
                } catch (RuntimeException e) {
                    LOG.warn("audio listener threw: {}", e.toString());
                }
            }
        }
    }

    /**
     * A playing source and its resampler to the encoder's rate. A {@link LoopSource} at the encoder's rate whose loop
     * is a whole number of frames gives the same frame at the same place of every pass, so each place is encoded
     * once and its packet sent again on later passes (hold music or a prompt looped to many calls costs no encoder
     * time after its first pass).
     */
    private static final class Playback {
        private final AudioSource source;
        private final Resampler resampler;
        private final byte[][] encodedLoop; // null unless the frames repeat exactly (see above)
        private short[] pending = new short[0];
        private long frames;     // frames handed out
        private boolean padded;  // the last frame was the source's end, padded with silence

        Playback(AudioSource source, Resampler resampler, int frameSamples) {
            this.source = source;
            this.resampler = resampler;
            this.encodedLoop = source instanceof LoopSource loop && resampler.isIdentity()
                    && loop.loopSamples() % frameSamples == 0 ? new byte[loop.loopSamples() / frameSamples][] : null;
        }

        /** The packet of the frame {@link #next} just gave: from the loop's first pass when the frames repeat. */
        byte[] encode(short[] pcm, AudioEncoder encoder) {
            if (encodedLoop == null || padded) {
                return encoder.encode(pcm);
            }
            int at = (int) ((frames - 1) % encodedLoop.length);
            byte[] payload = encodedLoop[at];
            if (payload == null) {
                payload = encoder.encode(pcm);
                encodedLoop[at] = payload;
            }
            return payload;
        }

        AudioSource source() {
            return source;
        }

        /** 20 ms at the encoder's rate, padded with silence at the very end; null when the source is done. */
        short[] next(int samples, int rate) {
            int sourceSamples = source.sampleRate() / 50;
            while (pending.length < samples) {
                short[] in;
                try {
                    in = source.read(sourceSamples);
                } catch (RuntimeException e) {
                    in = null;
                }
                if (in == null || in.length == 0) {
                    if (pending.length == 0) {
                        return null;
                    }
                    short[] last = java.util.Arrays.copyOf(pending, samples);
                    pending = new short[0];
                    frames++;
                    padded = true;
                    return last;
                }
                short[] out = resampler.process(in);
                short[] joined = java.util.Arrays.copyOf(pending, pending.length + out.length);
                System.arraycopy(out, 0, joined, pending.length, out.length);
                pending = joined;
            }
            short[] frame = java.util.Arrays.copyOf(pending, samples);
            pending = java.util.Arrays.copyOfRange(pending, samples, pending.length);
            frames++;
            padded = false;
            return frame;
        }
    }
}
