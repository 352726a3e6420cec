package io.github.rcsoftphone.media.codec;

import java.util.Arrays;

/**
 * G.711 decoder (PCMU or PCMA) at 8000 Hz. Concealment repeats the last 20 ms received, fading it out over three
 * lost frames, then gives silence.
 */
final class G711Decoder implements AudioDecoder {

    private static final int FRAME = 160;
    private static final int FADE_FRAMES = 3;

    private final boolean ulaw;
    private final short[] last = new short[FRAME];
    private int concealed = FADE_FRAMES;

    G711Decoder(boolean ulaw) {
        this.ulaw = ulaw;
    }

    @Override
    public int sampleRate() {
        return 8000;
    }

    @Override
    public short[] decode(byte[] payload) throws CodecException {
        if (payload == null || payload.length == 0) {
            throw new CodecException((ulaw ? "PCMU" : "PCMA") + ": empty payload");
        }
        short[] out = new short[payload.length];
        if (ulaw) {
            for (int i = 0; i < out.length; i++) {
                out[i] = G711.ulawToLinear(payload[i]);
            }
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = G711.alawToLinear(payload[i]);
            }
        }
        remember(out);
        return out;
    }

    private void remember(short[] pcm) {
        if (pcm.length >= FRAME) {
            System.arraycopy(pcm, pcm.length - FRAME, last, 0, FRAME);
        } else {
            System.arraycopy(last, pcm.length, last, 0, FRAME - pcm.length);
            System.arraycopy(pcm, 0, last, FRAME - pcm.length, pcm.length);
        }
        concealed = 0;
    }

    @Override
    public short[] conceal() {
        short[] out = new short[FRAME];
        if (concealed >= FADE_FRAMES) {
            return out;
        }
        double from = 1.0 - (double) concealed / FADE_FRAMES;
        double to = 1.0 - (double) (concealed + 1) / FADE_FRAMES;
        for (int i = 0; i < FRAME; i++) {
            double gain = from + (to - from) * i / FRAME;
            out[i] = (short) Math.round(last[i] * gain);
        }
        concealed++;
        if (concealed >= FADE_FRAMES) {
            Arrays.fill(last, (short) 0);
        }
        return out;
    }

    @Override
    public String toString() {
        return ulaw ? "PCMU decoder" : "PCMA decoder";
    }
}
