package io.github.rcsoftphone.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small shared helpers: token checks and attribute look-ups. */
final class Sdp {

    private Sdp() {
    }

    /** Splits on runs of white space and control characters, so every token passes {@link #isToken}. */
    static String[] tokens(String value) {
        List<String> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= value.length(); i++) {
            boolean separator = i == value.length() || isSeparator(value.charAt(i));
            if (separator && start >= 0) {
                out.add(value.substring(start, i));
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isSeparator(char c) {
        return c <= ' ' || c == 0x7f;
    }

    static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isSeparator(c)) {
                return false;
            }
        }
        return true;
    }

    static void requireToken(String s, String what) {
        if (!isToken(s)) {
            throw new IllegalArgumentException(what + " must be a non-empty token without white space: " + s);
        }
    }

    /** Checks what an offer's or answer's own side needs: address, port and origin tokens. */
    static void requireLocalSide(String address, int port, String sessionId, String sessionVersion) {
        requireToken(address, "address");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range 1..65535: " + port);
        }
        requireToken(sessionId, "session id");
        requireToken(sessionVersion, "session version");
    }

    static boolean isLineSafe(String s) {
        return s.indexOf('\r') < 0 && s.indexOf('\n') < 0 && s.indexOf('\0') < 0;
    }

    static void requireLineSafe(String s, String what) {
        if (s == null || !isLineSafe(s)) {
            throw new IllegalArgumentException(what + " must be non-null without CR, LF or NUL: " + s);
        }
    }

    static String addrType(String address) {
        return address.indexOf(':') >= 0 ? "IP6" : "IP4";
    }

    static List<String> values(List<Attribute> attributes, String name) {
        List<String> out = new ArrayList<>();
        for (Attribute a : attributes) {
            if (a.name().equalsIgnoreCase(name)) {
                out.add(a.value() == null ? "" : a.value());
            }
        }
        return List.copyOf(out);
    }

    static Optional<String> first(List<Attribute> attributes, String name) {
        for (Attribute a : attributes) {
            if (a.name().equalsIgnoreCase(name)) {
                return Optional.of(a.value() == null ? "" : a.value());
            }
        }
        return Optional.empty();
    }

    static int parseInt(String s, int min, int max, String what) throws SdpParseException {
        if (s.length() > 10) {
            throw new SdpParseException("bad " + what + " '" + s + "'");
        }
        return (int) parseLong(s, min, max, what);
    }

    static long parseLong(String s, long min, long max, String what) throws SdpParseException {
        if (s.isEmpty() || s.length() > 18) {
            throw new SdpParseException("bad " + what + " '" + s + "'");
        }
        long v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new SdpParseException("bad " + what + " '" + s + "'");
            }
            v = v * 10 + (c - '0');
        }
        if (v < min || v > max) {
            throw new SdpParseException(what + " " + s + " out of range " + min + ".." + max);
        }
        return v;
    }

    /** Wraps a parse failure of a value inside a model built by hand (the parser validated its own). */
    static IllegalStateException invalid(String what, SdpParseException e) {
        return new IllegalStateException("invalid " + what + ": " + e.getMessage(), e);
    }
}
