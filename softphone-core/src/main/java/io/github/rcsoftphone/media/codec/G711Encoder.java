package io.github.rcsoftphone.media.codec;

/** G.711 encoder (PCMU or PCMA) at 8000 Hz: one byte per sample, any number of samples. */
final class G711Encoder implements AudioEncoder {

    private final boolean ulaw;

    G711Encoder(boolean ulaw) {
        this.ulaw = ulaw;
    }

    @Override
    public int sampleRate() {
        return 8000;
    }

    @Override
    public int frameSamples() {
        return 160;
    }

    @Override
    public byte[] encode(short[] pcm20ms) {
        byte[] out = new byte[pcm20ms.length];
        if (ulaw) {
            for (int i = 0; i < out.length; i++) {
                out[i] = G711.linearToUlaw(pcm20ms[i]);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = G711.linearToAlaw(pcm20ms[i]);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return ulaw ? "PCMU encoder" : "PCMA encoder";
    }
}
