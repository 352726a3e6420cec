package io.github.rcsoftphone.sip.message;

import java.util.ArrayList;
import java.util.List;

/** Small scanning helpers shared by the header-value parsers. Indexes are char positions in the value. */
final class Syntax {

    private Syntax() {
    }

    static boolean isWs(char c) {
        return c == ' ' || c == '\t';
    }

    static int skipWs(String s, int i, int end) {
        while (i < end && isWs(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static int trimEnd(String s, int from, int end) {
        while (end > from && isWs(s.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    static int skipToken(String s, int i, int end) {
        while (i < end && HeaderNames.isTokenChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Index just after the quoted string opening at {@code open}, honouring backslash escapes; -1 if unterminated. */
    static int endOfQuoted(String s, int open, int end) {
        for (int i = open + 1; i < end; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * Parses {@code *( SWS ";" SWS name [ SWS "=" SWS value ] )} from {@code i} to {@code end}: generic header
     * parameters. Quoted values keep their quotes; a parameter without '=' gets a null value.
     */
    static ParamMap headerParams(String s, int i, int end) throws SipParseException {
        ParamMap.Builder params = null;
        while (true) {
            i = skipWs(s, i, end);
            if (i >= end) {
                return params == null ? ParamMap.EMPTY : params.build();
            }
            if (s.charAt(i) != ';') {
                throw new SipParseException("expected ';' before a parameter but found '" + s.charAt(i) + "'", i, -1);
            }
            i = skipWs(s, i + 1, end);
            int nameStart = i;
            i = skipToken(s, i, end);
            if (i == nameStart) {
                throw new SipParseException("empty or invalid parameter name", i, -1);
            }
            String name = KnownNames.param(s, nameStart, i);
            String value = null;
            int j = skipWs(s, i, end);
            if (j < end && s.charAt(j) == '=') {
                i = skipWs(s, j + 1, end);
                int valueStart = i;
                if (i < end && s.charAt(i) == '"') {
                    i = endOfQuoted(s, i, end);
                    if (i < 0) {
                        throw new SipParseException("unterminated quoted value of parameter " + name, valueStart, -1);
                    }
                } else {
                    while (i < end && !isWs(s.charAt(i)) && s.charAt(i) != ';' && s.charAt(i) != ',') {
                        i++;
                    }
                }
                value = s.substring(valueStart, i);
            }
            if (params == null) {
                params = new ParamMap.Builder();
            }
            params.put(name, value);
        }
    }

    /** Splits a header value at commas that are outside quoted strings and angle brackets; trims; drops empties. */
    static List<String> splitCommas(String value, List<String> out) {
        if (value.indexOf(',') < 0) {   // one value: quotes and brackets only matter around commas
            addTrimmed(value, 0, value.length(), out);
            return out;
        }
        int depth = 0;
        int start = 0;
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == '"') {
                int close = endOfQuoted(value, i, n);
                i = (close < 0 ? n : close) - 1;
            } else if (c == '<') {
                depth++;
            } else if (c == '>' && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                addTrimmed(value, start, i, out);
                start = i + 1;
            }
        }
        addTrimmed(value, start, n, out);
        return out;
    }

    private static void addTrimmed(String s, int from, int to, List<String> out) {
        from = skipWs(s, from, to);
        to = trimEnd(s, from, to);
        if (to > from) {
            out.add(from == 0 && to == s.length() ? s : s.substring(from, to));
        }
    }

    static List<String> splitCommas(String value) {
        return splitCommas(value, new ArrayList<>(2));
    }

    /** The text of a quoted string without its quotes and with backslash escapes resolved. */
    static String unquote(String s, int open, int closeExclusive) {
        int escape = s.indexOf('\\', open + 1);
        if (escape < 0 || escape >= closeExclusive - 1) {
            return s.substring(open + 1, closeExclusive - 1);
        }
        StringBuilder sb = new StringBuilder(closeExclusive - open);
        for (int i = open + 1; i < closeExclusive - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < closeExclusive - 1) {
                c = s.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** {@code text} as a quoted string, escaping '"' and '\'. */
    static String quote(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('"').toString();
    }
}
