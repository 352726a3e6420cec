package io.github.rcsoftphone.call;

import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.media.codec.AudioCodecs;
import io.github.rcsoftphone.media.codec.AudioDecoder;
import io.github.rcsoftphone.media.codec.AudioEncoder;
import io.github.rcsoftphone.media.rtp.RtpPacket;
import io.github.rcsoftphone.media.rtp.RtpSender;
import io.github.rcsoftphone.media.secure.MediaListener;
import java.io.ByteArrayOutputStream;

/** The far end's media in call flow tests: listen to a transport, send a tone through it. */
final class TestMedia {
    private TestMedia() {
    }

    /** Collects what {@code transport} receives, decoded. */
    static ByteArrayOutputStream listen(io.github.rcsoftphone.media.secure.MediaTransport transport,
            AudioDecoder decoder) {
        ByteArrayOutputStream heard = new ByteArrayOutputStream();
        transport.listener(new MediaListener() {
            @Override
            public void onRtp(byte[] data) {
                try {
                    RtpPacket p = RtpPacket.decode(data, 0, data.length);
                    short[] pcm = decoder.decode(p.payload());
                    synchronized (heard) {
                        for (short s : pcm) {
                            heard.write(s & 0xff);
                            heard.write(s >> 8);
                        }
                    }
                } catch (Exception e) {
                    // counted as not heard
                }
            }

            @Override
            public void onRtcp(byte[] data) {
            }
        });
        return heard;
    }

    static short[] samples(ByteArrayOutputStream heard) {
        byte[] bytes;
        synchronized (heard) {
            bytes = heard.toByteArray();
        }
        short[] back = new short[bytes.length / 2];
        for (int i = 0; i < back.length; i++) {
            back[i] = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
        }
        return back;
    }

    /** 2 s of 440 Hz, one packet per 20 ms deadline. */
    static void sendTone(io.github.rcsoftphone.media.secure.MediaTransport transport, RtpSender sender, int pt,
            String enc, int rate, int channels) {
        AudioEncoder encoder = AudioCodecs.encoder(enc, rate, channels);
        ToneSource tone = new ToneSource(440, encoder.sampleRate(), 0.5, null);
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            byte[] payload = encoder.encode(tone.read(encoder.frameSamples()));
            transport.sendRtp(sender.next(pt, payload, AudioCodecs.rtpTimestampStep(enc, rate), i == 0).encode());
            long due = start + (i + 1) * 20_000_000L;
            while (System.nanoTime() < due) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        }
    }
}
