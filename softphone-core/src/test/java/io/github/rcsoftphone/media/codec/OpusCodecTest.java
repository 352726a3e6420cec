package io.github.rcsoftphone.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Opus through {@link AudioCodecs}, pure Java: tones survive, garbage is rejected, stereo is down-mixed, state is
 * per call. {@link NativeOpusCodecTest} runs the same tests on native libopus.
 */
class OpusCodecTest {

    /** The implementation under test. */
    OpusImplementation implementation() {
        return OpusImplementation.JAVA;
    }

    /** Encodes {@code pcm} in 20 ms frames and returns the packets. */
    static List<byte[]> encode(AudioEncoder encoder, short[] pcm) {
        List<byte[]> packets = new ArrayList<>();
        int frame = encoder.frameSamples();
        for (int at = 0; at + frame <= pcm.length; at += frame) {
            packets.add(encoder.encode(Signals.slice(pcm, at, at + frame)));
        }
        return packets;
    }

    static short[] decode(AudioDecoder decoder, List<byte[]> packets) throws CodecException {
        List<short[]> frames = new ArrayList<>();
        for (byte[] packet : packets) {
            frames.add(decoder.decode(packet));
        }
        return Signals.concat(frames);
    }

    @ParameterizedTest(name = "{0}/{1}/{2}")
    @CsvSource({"opus,48000,2", "OPUS,16000,1"})
    void aToneKeepsItsFrequencyAndLevel(String name, int rate, int channels) throws Exception {
        AudioEncoder encoder = AudioCodecs.encoder(name, rate, channels, implementation());
        AudioDecoder decoder = AudioCodecs.decoder(name, rate, channels, implementation());
        assertThat(encoder.sampleRate()).isEqualTo(rate);
        assertThat(decoder.sampleRate()).isEqualTo(rate);
        assertThat(encoder.frameSamples()).isEqualTo(rate / 50);
        double kbps = toneSurvives(encoder, decoder, rate);
        System.out.printf("Opus %d Hz: %.1f kbit/s for a 1 kHz tone%n", rate, kbps);
    }

    /** 1.5 s of a 1 kHz tone through both: frequency and level kept after 200 ms; returns the bit rate in kbit/s. */
    static double toneSurvives(AudioEncoder encoder, AudioDecoder decoder, int rate) throws CodecException {
        short[] tone = Signals.sine(1000, rate, 0.3, rate * 3 / 2);
        List<byte[]> packets = encode(encoder, tone);
        assertThat(packets).hasSize(75).allSatisfy(p -> assertThat(p.length).isBetween(2, 400));
        short[] out = decode(decoder, packets);
        assertThat(out).hasSize(tone.length);
        short[] settled = Signals.slice(out, rate / 5, out.length);
        assertThat(AudioAnalysis.dominantFrequency(settled, rate)).isCloseTo(1000, within(5.0));
        assertThat(AudioAnalysis.rmsDbfs(settled))
                .isCloseTo(AudioAnalysis.rmsDbfs(Signals.slice(tone, rate / 5, tone.length)), within(3.0));
        return packets.stream().mapToInt(p -> p.length).sum() * 8 / 1.5 / 1000;
    }

    @Test
    void rejectsGarbageAndKeepsDecodingAfterwards() throws Exception {
        AudioDecoder decoder = AudioCodecs.decoder("opus", 48000, 2, implementation());
        byte[][] garbage = {
            {},
            {0x03, 0x00},                       // code 3 with zero frames
            {0x01, 1, 2, 3, 4, 5},              // code 1 (two equal frames) with an odd remainder
            {0x02, (byte) 0xFF, 1, 2},          // code 2 whose first frame is longer than the packet
            {0x0B, (byte) 0x31, 0, 0},          // code 3 with 49 frames: over 120 ms
        };
        for (byte[] packet : garbage) {
            assertThatThrownBy(() -> decoder.decode(packet)).isInstanceOf(CodecException.class)
                    .hasMessageStartingWith("Opus");
        }
        assertThatThrownBy(() -> decoder.decode(null)).isInstanceOf(CodecException.class);
        short[] tone = Signals.sine(1000, 48000, 0.3, 48000);
        short[] out = decode(decoder, encode(AudioCodecs.encoder("opus", 48000, 2, implementation()), tone));
        assertThat(AudioAnalysis.dominantFrequency(Signals.slice(out, 9600, out.length), 48000))
                .isCloseTo(1000, within(5.0));
    }

    @Test
    void rejectsRingCentralsStrayFourBytePackets() {
        for (String rtpmap : new String[] {"opus/48000/2", "opus/16000/1"}) {
            String[] parts = rtpmap.split("/");
            AudioDecoder decoder = AudioCodecs.decoder(parts[0], Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]), implementation());
            int[] digits = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, '0', '5', '*', '#', 'A'};
            for (int digit : digits) {
                byte[] stray = {(byte) digit, (byte) 0x8a, 0x03, (byte) 0xc0};
                assertThatThrownBy(() -> decoder.decode(stray)).as("digit %d", digit)
                        .isInstanceOf(CodecException.class).hasMessageContaining("RFC 4733");
            }
        }
    }

    @Test
    void downMixesAStereoStream() throws Exception {
        OpusEncoder stereo = new OpusEncoder(48000, 2, OpusApplication.OPUS_APPLICATION_VOIP);
        stereo.setBitrate(64000);
        stereo.setForceChannels(2);
        short[] left = Signals.sine(1000, 48000, 0.4, 48000);
        short[] right = Signals.sine(440, 48000, 0.4, 48000);
        AudioDecoder decoder = AudioCodecs.decoder("opus", 48000, 2, implementation());
        List<short[]> frames = new ArrayList<>();
        byte[] buffer = new byte[1275];
        for (int at = 0; at + 960 <= left.length; at += 960) {
            short[] interleaved = new short[1920];
            for (int i = 0; i < 960; i++) {
                interleaved[2 * i] = left[at + i];
                interleaved[2 * i + 1] = right[at + i];
            }
            int length = stereo.encode(interleaved, 0, 960, buffer, 0, buffer.length);
            byte[] packet = java.util.Arrays.copyOf(buffer, length);
            assertThat(packet[0] & 0x04).as("TOC stereo flag").isNotZero();
            short[] mono = decoder.decode(packet);
            assertThat(mono).hasSize(960);
            frames.add(mono);
        }
        short[] out = Signals.slice(Signals.concat(frames), 9600, 48000);
        double toneLevel = 20 * Math.log10(0.4 / 2 / Math.sqrt(2));
        assertThat(Signals.levelAtDb(out, 48000, 1000)).isCloseTo(toneLevel, within(3.0));
        assertThat(Signals.levelAtDb(out, 48000, 440)).isCloseTo(toneLevel, within(3.0));
    }

    @Test
    void decodersOfTwoCallsKeepTheirOwnState() throws Exception {
        short[] toneA = Signals.sine(440, 48000, 0.3, 48000);
        short[] toneB = Signals.sine(1000, 48000, 0.3, 48000);
        List<byte[]> packetsA = encode(AudioCodecs.encoder("opus", 48000, 2, implementation()), toneA);
        List<byte[]> packetsB = encode(AudioCodecs.encoder("opus", 48000, 2, implementation()), toneB);
        AudioDecoder decoderA = AudioCodecs.decoder("opus", 48000, 2, implementation());
        AudioDecoder decoderB = AudioCodecs.decoder("opus", 48000, 2, implementation());
        assertThat(decoderA).isNotSameAs(decoderB);
        List<short[]> outA = new ArrayList<>();
        List<short[]> outB = new ArrayList<>();
        for (int i = 0; i < packetsA.size(); i++) {
            outA.add(decoderA.decode(packetsA.get(i)));
            outB.add(decoderB.decode(packetsB.get(i)));
        }
        short[] a = Signals.slice(Signals.concat(outA), 9600, 48000);
        short[] b = Signals.slice(Signals.concat(outB), 9600, 48000);
        assertThat(AudioAnalysis.dominantFrequency(a, 48000)).isCloseTo(440, within(2.0));
        assertThat(AudioAnalysis.dominantFrequency(b, 48000)).isCloseTo(1000, within(2.0));
        assertThat(Signals.levelAtDb(a, 48000, 1000)).isLessThan(Signals.levelAtDb(a, 48000, 440) - 40);
        assertThat(Signals.levelAtDb(b, 48000, 440)).isLessThan(Signals.levelAtDb(b, 48000, 1000) - 40);
    }

    @ParameterizedTest(name = "{0} Hz")
    @CsvSource({"48000", "16000"})
    void concealmentAndFecGive20Ms(int rate) throws Exception {
        AudioDecoder decoder = AudioCodecs.decoder("opus", rate, 1, implementation());
        assertThat(decoder.conceal()).hasSize(rate / 50);
        List<byte[]> packets = encode(AudioCodecs.encoder("opus", rate, 1, implementation()),
                Signals.sine(700, rate, 0.3, rate / 2));
        for (int i = 0; i < 10; i++) {
            decoder.decode(packets.get(i));
        }
        short[] plc = decoder.conceal();
        assertThat(plc).hasSize(rate / 50);
        assertThat(AudioAnalysis.rmsDbfs(plc)).isGreaterThan(-40);
        assertThat(decoder.recover(packets.get(12))).hasSize(rate / 50);
        assertThat(decoder.decode(packets.get(12))).hasSize(rate / 50);
        assertThat(decoder.recover(new byte[] {1, (byte) 0x8a, 3, (byte) 0xc0})).hasSize(rate / 50);
    }

    @Test
    void encoderWantsExactly20Ms() {
        AudioEncoder encoder = AudioCodecs.encoder("opus", 16000, 1, implementation());
        assertThatThrownBy(() -> encoder.encode(new short[160])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("320");
    }

    /** Truncated, mutated and random packets: the decoder answers with samples or CodecException, nothing else. */
    @Test
    void survivesMutatedAndRandomPackets() throws Exception {
        Random random = new Random(20261103);
        List<byte[]> packets = encode(AudioCodecs.encoder("opus", 48000, 2, implementation()),
                Signals.sine(500, 48000, 0.5, 48000));
        AudioDecoder decoder = AudioCodecs.decoder("opus", 48000, 2, implementation());
        int rejected = 0;
        for (int round = 0; round < 1500; round++) {
            byte[] base = packets.get(random.nextInt(packets.size()));
            byte[] packet;
            switch (round % 3) {
                case 0 -> packet = java.util.Arrays.copyOf(base, random.nextInt(base.length + 1));
                case 1 -> {
                    packet = base.clone();
                    for (int m = 0; m < 1 + random.nextInt(4); m++) {
                        packet[random.nextInt(packet.length)] = (byte) random.nextInt(256);
                    }
                }
                default -> {
                    packet = new byte[random.nextInt(64)];
                    random.nextBytes(packet);
                }
            }
            try {
                short[] out = decoder.decode(packet);
                assertThat(out.length).isBetween(1, 5760);
            } catch (CodecException expected) {
                rejected++;
            }
            if (round % 50 == 0) {
                assertThat(decoder.conceal()).hasSize(960);
            }
        }
        assertThat(rejected).isPositive();
        short[] out = decode(decoder, packets);
        assertThat(AudioAnalysis.dominantFrequency(Signals.slice(out, 9600, out.length), 48000))
                .isCloseTo(500, within(5.0));
    }
}
