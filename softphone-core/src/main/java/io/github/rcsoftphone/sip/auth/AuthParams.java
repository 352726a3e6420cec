package io.github.rcsoftphone.sip.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Splits an auth-param list ({@code name=value, name="quoted \" value"}) into a map keyed by lower-case name.
 * Separators are commas and/or whitespace, so {@code realm="r" nonce="x"} and {@code realm="r",nonce="x"} both work.
 * The first occurrence of a repeated name wins.
 */
final class AuthParams {
    private final String text;
    private int pos;

    private AuthParams(String text, int start) {
        this.text = text;
        this.pos = start;
    }

    /** Parses the parameters of {@code text} starting at index {@code start}. */
    static Map<String, String> parse(String text, int start) {
        return new AuthParams(text, start).parseAll();
    }

    private Map<String, String> parseAll() {
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
            skipSeparators();
            if (pos >= text.length()) {
                return params;
            }
            int nameStart = pos;
            while (pos < text.length() && isTokenChar(text.charAt(pos))) {
                pos++;
            }
            if (pos == nameStart) {
                throw error("unexpected character '" + text.charAt(pos) + "'");
            }
            String name = text.substring(nameStart, pos).toLowerCase(Locale.ROOT);
            skipWhitespace();
            if (pos >= text.length() || text.charAt(pos) != '=') {
                throw error("parameter '" + name + "' has no '=value'");
            }
            pos++;
            skipWhitespace();
            String value = pos < text.length() && text.charAt(pos) == '"' ? quoted(name) : token();
            params.putIfAbsent(name, value);
        }
    }

    private String quoted(String name) {
        StringBuilder value = new StringBuilder();
        pos++; // opening quote
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            value.append(c);
        }
        throw error("unterminated quoted value of '" + name + "'");
    }

    private String token() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != ',' && !Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void skipSeparators() {
        while (pos < text.length() && (text.charAt(pos) == ',' || Character.isWhitespace(text.charAt(pos)))) {
            pos++;
        }
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isTokenChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || "-.!%*_+`'~".indexOf(c) >= 0);
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("malformed digest challenge at index " + pos + ": " + what + " in: " + text);
    }
}
