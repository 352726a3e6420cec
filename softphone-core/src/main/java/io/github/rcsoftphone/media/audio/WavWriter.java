package io.github.rcsoftphone.media.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a 16-bit mono PCM WAV file as it streams. Audio is buffered and written once a second (one write instead of
 * fifty 20 ms writes: the recorder's system calls were the largest CPU cost per recorded call), and the RIFF and data
 * sizes in the header are patched then and on {@link #close()}, so a crash loses at most about a second.
 * Not thread-safe.
 */
public final class WavWriter implements AutoCloseable {

    private static final int HEADER = 44;
    private static final long MAX_DATA = 0xFFFFFFFFL - 36;

    private final Path file;
    private final int sampleRate;
    private final FileChannel channel;
    private final ByteBuffer pending;
    private long samples;
    private boolean closed;

    /**
     * Creates (or truncates) {@code file} and writes its header.
     *
     * @throws IOException if the file cannot be created
     */
    public WavWriter(Path file, int sampleRate) throws IOException {
        Durations.checkRate(sampleRate);
        this.file = file;
        this.sampleRate = sampleRate;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.pending = ByteBuffer.allocate(sampleRate * 2).order(ByteOrder.LITTLE_ENDIAN); // one second
        try {
            writeFully(header(), 0);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Appends samples.
     *
     * @throws IOException if writing fails, the writer is closed or the file would pass the 4 GB WAV limit
     */
    public void write(short[] pcm) throws IOException {
        if (closed) {
            throw new IOException("WAV writer for " + file + " is closed");
        }
        if ((samples + pcm.length) * 2 > MAX_DATA) {
            throw new IOException("WAV " + file + " would exceed the 4 GB WAV size limit");
        }
        if (pcm.length * 2 > pending.remaining()) {
            flush();
        }
        if (pcm.length * 2 > pending.capacity()) {   // more than a second at once: straight to the file
            ByteBuffer buf = ByteBuffer.allocate(pcm.length * 2).order(ByteOrder.LITTLE_ENDIAN);
            buf.asShortBuffer().put(pcm);
            writeFully(buf, HEADER + samples * 2);
            samples += pcm.length;
            patch();
            return;
        }
        pending.asShortBuffer().put(pcm);   // one bulk copy in the buffer's (little-endian) order
        pending.position(pending.position() + pcm.length * 2);
        samples += pcm.length;
        if (!pending.hasRemaining()) {
            flush();
        }
    }

    /** Writes what is buffered and patches the header sizes. */
    private void flush() throws IOException {
        if (pending.position() == 0) {
            return;
        }
        long firstBuffered = samples - pending.position() / 2;
        pending.flip();
        writeFully(pending, HEADER + firstBuffered * 2);
        pending.clear();
        patch();
    }

    /** Samples written so far. */
    public long samplesWritten() {
        return samples;
    }

    /** Patches the header sizes and closes the file; later calls do nothing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
            patch();
        } finally {
            channel.close();
        }
    }

    private void patch() throws IOException {
        long data = samples * 2;
        ByteBuffer sizes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        sizes.putInt(0, (int) (36 + data));
        writeFully(sizes, 4);
        sizes.clear();
        sizes.putInt(0, (int) data);
        writeFully(sizes, 40);
    }

    private ByteBuffer header() {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put(new byte[] {'R', 'I', 'F', 'F'}).putInt(36).put(new byte[] {'W', 'A', 'V', 'E'});
        h.put(new byte[] {'f', 'm', 't', ' '}).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        h.put(new byte[] {'d', 'a', 't', 'a'}).putInt(0);
        return h.flip();
    }

    private void writeFully(ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            at += channel.write(buf, at);
        }
    }

    @Override
    public String toString() {
        return "WavWriter " + file + " (" + sampleRate + " Hz, " + samples + " samples)";
    }
}
