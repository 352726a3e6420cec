package io.github.rcsoftphone.media.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WavWriter and WavSource, checked against javax.sound.sampled and sox. */
class WavTest {

    @TempDir
    Path dir;

    private static short[] tone(double hz, int rate, double seconds) {
        return new ToneSource(hz, rate, 0.5, Duration.ofMillis((long) (seconds * 1000))).read(1 << 24);
    }

    private Path write(String name, int rate, short[] pcm) throws IOException {
        Path file = dir.resolve(name);
        try (WavWriter writer = new WavWriter(file, rate)) {
            for (int at = 0; at < pcm.length; at += 333) {
                writer.write(java.util.Arrays.copyOfRange(pcm, at, Math.min(pcm.length, at + 333)));
            }
            assertThat(writer.samplesWritten()).isEqualTo(pcm.length);
        }
        return file;
    }

    @Test
    void writeThenReadRoundTrips() throws IOException {
        short[] pcm = tone(440, 16000, 1.3);
        Path file = write("round.wav", 16000, pcm);
        assertThat(Files.size(file)).isEqualTo(44 + 2L * pcm.length);
        assertThat(AudioAnalysis.readWav(file)).isEqualTo(pcm);
        assertThat(AudioAnalysis.wavSampleRate(file)).isEqualTo(16000);
        try (WavSource source = WavSource.open(file)) {
            assertThat(source.read(30000)).hasSize(pcm.length);
            assertThat(source.read(10)).isNull();
        }
    }

    @Test
    void javaxSoundReadsWhatWeWrite() throws Exception {
        short[] pcm = tone(1000, 48000, 0.5);
        Path file = write("javax.wav", 48000, pcm);
        AudioFileFormat fileFormat = AudioSystem.getAudioFileFormat(file.toFile());
        assertThat(fileFormat.getType()).isEqualTo(AudioFileFormat.Type.WAVE);
        AudioFormat format = fileFormat.getFormat();
        assertThat(format.getEncoding()).isEqualTo(AudioFormat.Encoding.PCM_SIGNED);
        assertThat(format.getSampleRate()).isEqualTo(48000f);
        assertThat(format.getChannels()).isEqualTo(1);
        assertThat(format.getSampleSizeInBits()).isEqualTo(16);
        assertThat(format.isBigEndian()).isFalse();
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            assertThat(in.getFrameLength()).isEqualTo(pcm.length);
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            for (short sample : pcm) {
                assertThat(bytes.getShort()).isEqualTo(sample);
            }
        }
    }

    @Test
    void soxReadsWhatWeWrite() throws Exception {
        Path file = write("sox.wav", 8000, tone(700, 8000, 2));
        Process process;
        try {
            process = new ProcessBuilder("sox", "--i", file.toString()).redirectErrorStream(true).start();
        } catch (IOException notInstalled) {
            Assumptions.abort("sox is not installed");
            return;
        }
        String info = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(info).isZero();
        assertThat(info).containsPattern("Channels\\s*: 1").containsPattern("Sample Rate\\s*: 8000")
                .containsPattern("Precision\\s*: 16-bit").contains("16000 samples").contains("Signed Integer PCM");
    }

    @Test
    void audioReachesTheFileOnceASecondNotEveryFrame() throws IOException {
        Path file = dir.resolve("buffered.wav");
        try (WavWriter writer = new WavWriter(file, 8000)) {
            short[] frame = new short[160];
            for (int i = 0; i < 49; i++) {
                writer.write(frame);
            }
            assertThat(Files.size(file)).as("0.98 s written: still buffered").isEqualTo(44);
            assertThat(writer.samplesWritten()).isEqualTo(49 * 160);
            writer.write(frame);
            assertThat(Files.size(file)).as("1 s: written and the header patched").isEqualTo(44 + 16_000);
            writer.write(frame);
        }
        assertThat(AudioAnalysis.readWav(file)).hasSize(51 * 160);
    }

    @Test
    void headerIsPatchedWhileWriting() throws IOException {
        Path file = dir.resolve("crash.wav");
        WavWriter writer = new WavWriter(file, 8000);
        try {
            short[] pcm = tone(500, 8000, 2.5);
            for (int at = 0; at < pcm.length; at += 160) {
                writer.write(java.util.Arrays.copyOfRange(pcm, at, at + 160));
            }
            byte[] header = java.util.Arrays.copyOf(Files.readAllBytes(file), 44);
            ByteBuffer h = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
            int data = h.getInt(40);
            assertThat(data).isBetween(2 * 8000 * 2, 2 * pcm.length);
            assertThat(h.getInt(4)).isEqualTo(36 + data);
            assertThat(AudioAnalysis.readWav(file).length).isEqualTo(data / 2);
        } finally {
            writer.close();
        }
        writer.close();
        assertThatThrownBy(() -> writer.write(new short[1])).isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
        assertThat(AudioAnalysis.readWav(file)).hasSize(20000);
    }

    @Test
    void readsAMuLawWavMadeByJavaxSound() throws Exception {
        Path file = writeWithJavax("ulaw.wav", AudioFormat.Encoding.ULAW, 8000, 1, tone(1000, 8000, 1));
        assertThat(AudioAnalysis.wavSampleRate(file)).isEqualTo(8000);
        short[] read = AudioAnalysis.readWav(file);
        assertThat(read).hasSize(8000);
        assertThat(AudioAnalysis.dominantFrequency(read, 8000)).isCloseTo(1000, within(1.0));
        assertThat(AudioAnalysis.rmsDbfs(read)).isCloseTo(20 * Math.log10(0.5 / Math.sqrt(2)), within(0.5));
    }

    @Test
    void readsAnALawWavAndDownMixesStereo() throws Exception {
        Path alaw = writeWithJavax("alaw.wav", AudioFormat.Encoding.ALAW, 16000, 1, tone(440, 16000, 1));
        assertThat(AudioAnalysis.dominantFrequency(AudioAnalysis.readWav(alaw), 16000)).isCloseTo(440, within(1.0));
        short[] left = tone(440, 48000, 1);
        short[] stereo = new short[left.length * 2];
        for (int i = 0; i < left.length; i++) {
            stereo[2 * i] = left[i];
            stereo[2 * i + 1] = left[i];
        }
        Path file = writeWithJavax("stereo.wav", AudioFormat.Encoding.PCM_SIGNED, 48000, 2, stereo);
        try (WavSource source = WavSource.open(file)) {
            assertThat(source.fileChannels()).isEqualTo(2);
            assertThat(source.sampleRate()).isEqualTo(48000);
            short[] mono = source.read(48000);
            assertThat(mono).isEqualTo(left);
        }
    }

    private Path writeWithJavax(String name, AudioFormat.Encoding encoding, int rate, int channels, short[] pcm)
            throws IOException {
        AudioFormat pcmFormat = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, rate, 16, channels, 2 * channels,
                rate, false);
        ByteBuffer bytes = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(pcm);
        AudioInputStream source = new AudioInputStream(new ByteArrayInputStream(bytes.array()), pcmFormat,
                pcm.length / channels);
        AudioInputStream stream = encoding == AudioFormat.Encoding.PCM_SIGNED ? source
                : AudioSystem.getAudioInputStream(new AudioFormat(encoding, rate, 8, channels, channels, rate, false),
                        source);
        File file = dir.resolve(name).toFile();
        AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file);
        return file.toPath();
    }

    @Test
    void unsupportedFilesGiveAClearIOException() throws IOException {
        Path floatWav = dir.resolve("float.wav");
        Files.write(floatWav, header(3, 1, 8000, 32));
        assertThatThrownBy(() -> WavSource.open(floatWav)).isInstanceOf(IOException.class)
                .hasMessageContaining("format tag 3").hasMessageContaining("float.wav");
        Path cd = dir.resolve("cd.wav");
        Files.write(cd, header(1, 2, 44100, 16));
        assertThatThrownBy(() -> AudioAnalysis.readWav(cd)).isInstanceOf(IOException.class)
                .hasMessageContaining("44100");
        Path text = dir.resolve("text.wav");
        Files.writeString(text, "hello, this is not a wav file");
        assertThatThrownBy(() -> AudioAnalysis.wavSampleRate(text)).isInstanceOf(IOException.class)
                .hasMessageContaining("RIFF");
        Path missing = dir.resolve("missing.wav");
        assertThatThrownBy(() -> WavSource.open(missing)).isInstanceOf(IOException.class);
    }

    /** Truncated and mutated files: an IOException or samples, never another exception. */
    @Test
    void survivesTruncatedAndMutatedFiles() throws IOException {
        byte[] good = Files.readAllBytes(write("good.wav", 8000, tone(300, 8000, 0.1)));
        Random random = new Random(44);
        Path file = dir.resolve("bad.wav");
        int failures = 0;
        for (int round = 0; round < 400; round++) {
            byte[] bad = round % 2 == 0 ? java.util.Arrays.copyOf(good, random.nextInt(60)) : good.clone();
            if (round % 2 == 1) {
                for (int m = 0; m < 3; m++) {
                    bad[random.nextInt(48)] = (byte) random.nextInt(256);
                }
            }
            Files.write(file, bad);
            try {
                AudioAnalysis.readWav(file);
            } catch (IOException expected) {
                failures++;
            }
        }
        assertThat(failures).isPositive();
    }

    private static byte[] header(int tag, int channels, int rate, int bits) {
        ByteBuffer h = ByteBuffer.allocate(44 + 8).order(ByteOrder.LITTLE_ENDIAN);
        int block = channels * bits / 8;
        h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(44).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        h.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) tag)
                .putShort((short) channels).putInt(rate).putInt(rate * block).putShort((short) block)
                .putShort((short) bits);
        h.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(8).putLong(0);
        return h.array();
    }
}
