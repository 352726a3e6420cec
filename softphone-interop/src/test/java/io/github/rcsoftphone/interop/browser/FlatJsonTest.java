package io.github.rcsoftphone.interop.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FlatJsonTest {

    private static final String LINE = "{\"event\":\"measurement\",\"frequencyHz\":440.5,\"levelDb\":-12.4,"
            + "\"packetsReceived\":82,\"codec\":\"audio/opus\",\"ok\":true,\"no\":false,\"none\":null,"
            + "\"sdp\":\"v=0\\r\\nm=audio 1 RTP/SAVPF 96\\r\\n\",\"q\":\"a\\\"b\\\\c\\u00e9\"}";

    private static final String ALPHABET = "{}[]\":,\\u0123456789aefnrtl -+.";

    @Test
    void parsesTheBrowserPhonesEventLines() {
        BrowserEvent e = new BrowserEvent(FlatJson.parse(LINE));
        assertThat(e.name()).isEqualTo("measurement");
        assertThat(e.number("frequencyHz")).isEqualTo(440.5);
        assertThat(e.number("packetsReceived")).isEqualTo(82.0);
        assertThat(e.text("codec")).isEqualTo("audio/opus");
        assertThat(e.flag("ok")).isTrue();
        assertThat(e.flag("no")).isFalse();
        assertThat(e.text("none")).isEmpty();
        assertThat(e.text("sdp")).isEqualTo("v=0\r\nm=audio 1 RTP/SAVPF 96\r\n");
        assertThat(e.text("q")).isEqualTo("a\"b\\c\u00e9");
        assertThat(FlatJson.parse(" { } ")).isEmpty();
    }

    @Test
    void rejectsNestingAndGarbage() {
        for (String bad : new String[] {"", "[]", "{\"a\":{}}", "{\"a\":[1]}", "{\"a\":1,}", "{\"a\":1} x", "{a:1}",
                "{\"a\":\"\\u12\"}", "{\"a\":tru}", "{\"a\":1e}"}) {
            assertThatThrownBy(() -> FlatJson.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void truncationsAndMutationsThrowOnlyIllegalArgument() {
        Random random = new Random(3);
        for (int i = 0; i <= LINE.length(); i++) {
            tryParse(LINE.substring(0, i));
        }
        for (int i = 0; i < 3000; i++) {
            char[] c = LINE.toCharArray();
            for (int k = random.nextInt(4); k >= 0; k--) {
                c[random.nextInt(c.length)] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            }
            tryParse(new String(c));
        }
    }

    private static void tryParse(String text) {
        try {
            FlatJson.parse(text);
        } catch (IllegalArgumentException expected) {
            // the only failure allowed
        }
    }
}
