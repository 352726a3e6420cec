package io.github.rcsoftphone.media.audio;

import io.github.rcsoftphone.media.codec.G711;
import java.io.IOException;
import java.nio.file.Path;

/** The supported sample encodings of a WAV fmt chunk, and the conversion of one frame to a mono sample. */
record WavFormat(Encoding encoding, int channels, int sampleRate, int blockAlign) {

    enum Encoding { PCM16, PCM8, ULAW, ALAW }

    private static final int TAG_PCM = 1;
    private static final int TAG_ALAW = 6;
    private static final int TAG_ULAW = 7;
    private static final int TAG_EXTENSIBLE = 0xFFFE;

    static WavFormat parse(Path wav, byte[] fmt) throws IOException {
        int tag = WavSource.le16(fmt, 0);
        int channels = WavSource.le16(fmt, 2);
        int rate = (int) WavSource.le32(fmt, 4);
        int blockAlign = WavSource.le16(fmt, 12);
        int bits = WavSource.le16(fmt, 14);
        if (tag == TAG_EXTENSIBLE) {
            if (fmt.length < 40) {
                throw new IOException("WAV " + wav + ": WAVE_FORMAT_EXTENSIBLE fmt chunk of only " + fmt.length
                        + " bytes");
            }
            tag = WavSource.le16(fmt, 24);
        }
        Encoding encoding;
        if (tag == TAG_PCM && bits == 16) {
            encoding = Encoding.PCM16;
        } else if (tag == TAG_PCM && bits == 8) {
            encoding = Encoding.PCM8;
        } else if (tag == TAG_ULAW && bits == 8) {
            encoding = Encoding.ULAW;
        } else if (tag == TAG_ALAW && bits == 8) {
            encoding = Encoding.ALAW;
        } else {
            throw new IOException("WAV " + wav + ": format tag " + tag + " with " + bits
                    + " bits per sample is not supported (PCM 16-bit or 8-bit, µ-law or A-law expected)");
        }
        if (channels < 1 || channels > 8) {
            throw new IOException("WAV " + wav + ": " + channels + " channels not supported (1..8)");
        }
        if (rate != 8000 && rate != 16000 && rate != 48000) {
            throw new IOException("WAV " + wav + ": sample rate " + rate
                    + " Hz not supported (8000, 16000 or 48000)");
        }
        int bytesPerSample = encoding == Encoding.PCM16 ? 2 : 1;
        if (blockAlign != channels * bytesPerSample) {
            throw new IOException("WAV " + wav + ": block align " + blockAlign + " does not match " + channels
                    + " channels of " + bits + " bits");
        }
        return new WavFormat(encoding, channels, rate, blockAlign);
    }

    /** The mono sample (channel average) of the frame at {@code offset}. */
    short mono(byte[] bytes, int offset) {
        if (channels == 1) {
            return sample(bytes, offset);
        }
        int step = blockAlign / channels;
        int sum = 0;
        for (int c = 0; c < channels; c++) {
            sum += sample(bytes, offset + c * step);
        }
        return (short) Math.floorDiv(sum, channels);
    }

    private short sample(byte[] bytes, int at) {
        return switch (encoding) {
            case PCM16 -> (short) ((bytes[at] & 0xFF) | (bytes[at + 1] << 8));
            case PCM8 -> (short) (((bytes[at] & 0xFF) - 128) << 8);
            case ULAW -> G711.ulawToLinear(bytes[at]);
            case ALAW -> G711.alawToLinear(bytes[at]);
        };
    }

    @Override
    public String toString() {
        return encoding + ", " + channels + " channel(s), " + sampleRate + " Hz";
    }
}
