package io.github.rcsoftphone.cli.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses {@code .env} files.
 *
 * <p>Accepted syntax, one assignment a line:
 * <ul>
 *   <li>{@code KEY=value} or {@code export KEY=value}; names are letters, digits and {@code _}, not starting with
 *       a digit; spaces around the name, the {@code =} and the value are trimmed;</li>
 *   <li>blank lines and lines starting with {@code #} are ignored;</li>
 *   <li>unquoted values end at a {@code #} preceded by white space (an inline comment);</li>
 *   <li>{@code 'single quoted'} values are literal; {@code "double quoted"} values understand {@code \n}, {@code \r},
 *       {@code \t}, {@code \"} and {@code \\} (any other backslash stays as written); both kinds may span lines
 *       and may be followed by a comment;</li>
 *   <li>a later assignment of the same name wins. There is no {@code $VAR} interpolation.</li>
 * </ul>
 * Anything else is an error naming the file and the line.
 */
public final class DotEnv {

    private final String fileName;
    private final String text;
    private int pos;
    private int line = 1;

    private DotEnv(String fileName, String text) {
        this.fileName = fileName;
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Parses {@code text}; {@code fileName} only appears in error messages.
     *
     * @return the assignments in file order, unmodifiable
     * @throws DotEnvException on the first malformed line
     */
    public static Map<String, String> parse(String text, String fileName) {
        return new DotEnv(fileName, text).parseAll();
    }

    /**
     * Reads and parses {@code file}; a missing file gives an empty map.
     *
     * @throws DotEnvException when the file exists but cannot be read or is malformed
     */
    public static Map<String, String> load(Path file) {
        if (!Files.exists(file)) {
            return Map.of();
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new DotEnvException(file.toString(), e);
        }
    }

    private Map<String, String> parseAll() {
        Map<String, String> values = new LinkedHashMap<>();
        while (pos < text.length()) {
            skipHorizontalSpace();
            if (atLineEnd()) {
                nextLine();
                continue;
            }
            if (peek() == '#') {
                skipToLineEnd();
                nextLine();
                continue;
            }
            int startLine = line;
            String key = readKey();
            skipHorizontalSpace();
            if (atLineEnd() || peek() != '=') {
                throw error(startLine, "expected '=' after '" + key + "' (lines look like KEY=value)");
            }
            pos++;
            values.put(key, readValue(key));
            nextLine();
        }
        return Collections.unmodifiableMap(values);
    }

    private String readKey() {
        int start = pos;
        while (!atLineEnd() && isNameChar(peek())) {
            pos++;
        }
        String word = text.substring(start, pos);
        if (word.equals("export") && !atLineEnd() && (peek() == ' ' || peek() == '\t')) {
            skipHorizontalSpace();
            return readKey();
        }
        if (word.isEmpty() || Character.isDigit(word.charAt(0))) {
            throw error(line, "invalid variable name '" + restOfLine(start) + "' (expected letters, digits and _)");
        }
        return word;
    }

    private String readValue(String key) {
        int start = pos;
        skipHorizontalSpace();
        if (atLineEnd()) {
            return "";
        }
        char first = peek();
        if (first == '"' || first == '\'') {
            int startLine = line;
            String value = first == '"' ? readDoubleQuoted(startLine, key) : readSingleQuoted(startLine, key);
            skipHorizontalSpace();
            if (!atLineEnd() && peek() != '#') {
                throw error(line, "unexpected text after the closing quote of " + key + ": '" + restOfLine(pos) + "'");
            }
            skipToLineEnd();
            return value;
        }
        skipToLineEnd();
        String raw = text.substring(start, pos);
        for (int i = 1; i < raw.length(); i++) {
            if (raw.charAt(i) == '#' && Character.isWhitespace(raw.charAt(i - 1))) {
                raw = raw.substring(0, i);
                break;
            }
        }
        return raw.strip();
    }

    private String readDoubleQuoted(int startLine, String key) {
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\' && pos < text.length()) {
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> value.append('\n');
                    case 'r' -> value.append('\r');
                    case 't' -> value.append('\t');
                    case '"', '\\' -> value.append(e);
                    default -> {
                        value.append('\\');
                        pos--;
                    }
                }
                continue;
            }
            if (c == '\n') {
                line++;
            }
            value.append(c);
        }
        throw error(startLine, "unterminated double-quoted value for " + key);
    }

    private String readSingleQuoted(int startLine, String key) {
        int start = ++pos;
        int end = text.indexOf('\'', start);
        if (end < 0) {
            throw error(startLine, "unterminated single-quoted value for " + key);
        }
        String value = text.substring(start, end);
        line += (int) value.chars().filter(c -> c == '\n').count();
        pos = end + 1;
        return value;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || (c < 128 && Character.isLetterOrDigit(c));
    }

    private char peek() {
        return text.charAt(pos);
    }

    private boolean atLineEnd() {
        return pos >= text.length() || peek() == '\n' || (peek() == '\r' && (pos + 1 >= text.length()
                || text.charAt(pos + 1) == '\n'));
    }

    private void skipHorizontalSpace() {
        while (!atLineEnd() && (peek() == ' ' || peek() == '\t')) {
            pos++;
        }
    }

    private void skipToLineEnd() {
        while (!atLineEnd()) {
            pos++;
        }
    }

    /** Steps over the line end at {@code pos}, if any. */
    private void nextLine() {
        if (pos < text.length() && peek() == '\r') {
            pos++;
        }
        if (pos < text.length() && peek() == '\n') {
            pos++;
            line++;
        }
    }

    private String restOfLine(int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
            end++;
        }
        return text.substring(from, end);
    }

    private DotEnvException error(int atLine, String problem) {
        return new DotEnvException(fileName, atLine, problem);
    }
}
