package io.github.rcsoftphone.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.FailureReason;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void escapesQuotesAndBackslashes() {
        assertThat(Json.write("say \"hi\" C:\\dir")).isEqualTo("\"say \\\"hi\\\" C:\\\\dir\"");
    }

    @Test
    void escapesControlCharacters() {
        assertThat(Json.write("a\nb\rc\td\be\ff\u0000g\u001fh\u007f"))
                .isEqualTo("\"a\\nb\\rc\\td\\be\\ff\\u0000g\\u001fh\\u007f\"");
    }

    @Test
    void nonAsciiPassesThrough() {
        assertThat(Json.write("Zoë ↑↑↑ 電話 😀")).isEqualTo("\"Zoë ↑↑↑ 電話 😀\"");
    }

    @Test
    void loneSurrogatesAndLineSeparatorsAreEscaped() {
        assertThat(Json.write("x\ud83dy\ude00z\u2028")).isEqualTo("\"x\\ud83dy\\ude00z\\u2028\"");
    }

    @Test
    void scalars() {
        assertThat(Json.write(null)).isEqualTo("null");
        assertThat(Json.write(true)).isEqualTo("true");
        assertThat(Json.write(60)).isEqualTo("60");
        assertThat(Json.write(-3L)).isEqualTo("-3");
        assertThat(Json.write(0.25)).isEqualTo("0.25");
        assertThat(Json.write(Double.NaN)).isEqualTo("null");
        assertThat(Json.write(FailureReason.BAD_CREDENTIALS)).isEqualTo("\"bad_credentials\"");
    }

    @Test
    void objectsKeepOrderAndNest() {
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("packets", 100);
        stats.put("codec", "PCMU");
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("event", "ended");
        o.put("stats", stats);
        o.put("list", List.of(1, "two"));
        o.put("none", null);
        o.put("empty", Arrays.asList());
        assertThat(Json.write(o)).isEqualTo(
                "{\"event\":\"ended\",\"stats\":{\"packets\":100,\"codec\":\"PCMU\"},\"list\":[1,\"two\"],\"none\":null,\"empty\":[]}");
    }

    @Test
    void keysAreEscapedToo() {
        assertThat(Json.write(Map.of("a\"b", 1))).isEqualTo("{\"a\\\"b\":1}");
    }
}
