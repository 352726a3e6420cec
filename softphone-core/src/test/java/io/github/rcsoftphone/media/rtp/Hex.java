package io.github.rcsoftphone.media.rtp;

import java.util.HexFormat;

/** Hand-built wire bytes written as spaced hex. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String spacedHex) {
        return HexFormat.of().parseHex(spacedHex.replaceAll("\\s+", ""));
    }

    static String of(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }
}
