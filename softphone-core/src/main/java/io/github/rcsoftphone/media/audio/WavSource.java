package io.github.rcsoftphone.media.audio;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams a WAV file as 16-bit mono PCM: PCM 16-bit (or 8-bit), µ-law or A-law (also in WAVE_FORMAT_EXTENSIBLE),
 * any channel count up to 8 (averaged to mono), at 8000, 16000 or 48000 Hz. A data chunk whose size is 0 or
 * 0xFFFFFFFF (a writer that never finished) is read to the end of the file.
 */
public final class WavSource implements AudioSource {

    private final Path path;
    private final InputStream in;
    private final WavFormat format;
    private long remaining;
    private boolean ended;

    private WavSource(Path path, InputStream in, WavFormat format, long dataBytes) {
        this.path = path;
        this.in = in;
        this.format = format;
        this.remaining = dataBytes;
    }

    /**
     * Opens {@code wav} and reads its header.
     *
     * @throws IOException if the file cannot be read or is not a WAV in a supported format (the message says why)
     */
    public static WavSource open(Path wav) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(wav), 65536);
        try {
            return readHeader(wav, in);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static WavSource readHeader(Path wav, InputStream in) throws IOException {
        byte[] riff = readFully(wav, in, 12, "RIFF header");
        if (!tag(riff, 0).equals("RIFF") || !tag(riff, 8).equals("WAVE")) {
            throw new IOException("not a WAV file (no RIFF/WAVE header): " + wav);
        }
        WavFormat format = null;
        while (true) {
            byte[] chunk = readFully(wav, in, 8, "chunk header");
            String id = tag(chunk, 0);
            long size = le32(chunk, 4);
            if (id.equals("fmt ")) {
                if (size < 16 || size > 1024) {
                    throw new IOException("WAV " + wav + ": fmt chunk of " + size + " bytes");
                }
                format = WavFormat.parse(wav, readFully(wav, in, (int) size, "fmt chunk"));
                skip(wav, in, size & 1);
            } else if (id.equals("data")) {
                if (format == null) {
                    throw new IOException("WAV " + wav + ": data chunk before the fmt chunk");
                }
                long bytes = size == 0 || size == 0xFFFFFFFFL ? Long.MAX_VALUE : size;
                return new WavSource(wav, in, format, bytes);
            } else {
                skip(wav, in, size + (size & 1));
            }
        }
    }

    @Override
    public int sampleRate() {
        return format.sampleRate();
    }

    /** Channels in the file (the output is always mono). */
    public int fileChannels() {
        return format.channels();
    }

    /**
     * {@inheritDoc}
     *
     * @throws UncheckedIOException if reading the file fails
     */
    @Override
    public short[] read(int samples) {
        Durations.checkRequest(samples);
        if (ended) {
            return null;
        }
        int frame = format.blockAlign();
        long wanted = Math.min((long) samples * frame, remaining);
        byte[] bytes = new byte[(int) wanted];
        int got;
        try {
            got = in.readNBytes(bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException("reading WAV " + path + ": " + e.getMessage(), e);
        }
        remaining -= got;
        int count = got / frame;
        if (count < samples) {
            ended = true;
        }
        if (count == 0) {
            return null;
        }
        short[] out = new short[count];
        for (int i = 0; i < count; i++) {
            out[i] = format.mono(bytes, i * frame);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing WAV " + path + ": " + e.getMessage(), e);
        }
    }

    private static byte[] readFully(Path wav, InputStream in, int length, String what) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("WAV " + wav + ": file ends inside the " + what);
        }
        return bytes;
    }

    private static void skip(Path wav, InputStream in, long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("WAV " + wav + ": file ends before a data chunk");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }

    static String tag(byte[] b, int at) {
        return new String(b, at, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static long le32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }

    static int le16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    @Override
    public String toString() {
        return "WavSource " + path + " (" + format + ")";
    }
}
