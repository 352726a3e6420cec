package io.github.rcsoftphone.sip.message;

/** Header-name rules: case-insensitive matching with the compact forms of RFC 3261 7.3.3 and later RFCs. */
final class HeaderNames {

    static final String CALL_ID = "Call-ID";
    static final String CSEQ = "CSeq";
    static final String VIA = "Via";
    static final String FROM = "From";
    static final String TO = "To";
    static final String CONTENT_LENGTH = "Content-Length";
    static final String CONTENT_TYPE = "Content-Type";

    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 32] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c : "-.!%*_+`'~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private HeaderNames() {
    }

    /** The full name a one-letter compact form stands for, or null. */
    static String expandCompact(char c) {
        switch (c | 0x20) {
            case 'i': return CALL_ID;
            case 'm': return "Contact";
            case 'e': return "Content-Encoding";
            case 'l': return CONTENT_LENGTH;
            case 'c': return CONTENT_TYPE;
            case 'f': return FROM;
            case 's': return "Subject";
            case 'k': return "Supported";
            case 't': return TO;
            case 'v': return VIA;
            case 'o': return "Event";
            case 'r': return "Refer-To";
            case 'b': return "Referred-By";
            case 'u': return "Allow-Events";
            case 'x': return "Session-Expires";
            default: return null;
        }
    }

    /** {@code name}, or the full name if it is a compact form: the key to match with {@link #matches}. */
    static String key(String name) {
        if (name.length() == 1) {
            String full = expandCompact(name.charAt(0));
            if (full != null) {
                return full;
            }
        }
        return name;
    }

    /** Whether the header name {@code wire} (as written) denotes the header whose {@link #key} is {@code key}. */
    static boolean matches(String wire, String key) {
        if (wire.length() == 1) {
            return key(wire).equalsIgnoreCase(key);
        }
        return wire.equalsIgnoreCase(key);
    }

    static boolean isContentLength(String wire) {
        return matches(wire, CONTENT_LENGTH);
    }

    /** Whether {@code c} may appear in a token (RFC 3261 25.1). */
    static boolean isTokenChar(int c) {
        return c >= 0 && c < 128 && TOKEN[c];
    }

    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Rejects names that are not tokens and values that would break the message framing. */
    static void check(String name, String value) {
        if (!isToken(name)) {
            throw new IllegalArgumentException("invalid header name '" + name + "'");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header " + name + " has a line break or NUL in its value");
            }
        }
    }
}
