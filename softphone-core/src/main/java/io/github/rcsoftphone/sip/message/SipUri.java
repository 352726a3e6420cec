package io.github.rcsoftphone.sip.message;

import java.util.Map;
import java.util.Objects;

/**
 * A SIP, SIPS or tel URI (RFC 3261 19.1, RFC 3966). Parts are kept as written, escapes included
 * ({@code sip:%61lice@host} has user {@code %61lice}), so {@link #toString()} gives back the parsed text.
 * An IPv6 host keeps its brackets ({@code [2001:db8::1]}). A tel URI has its number in {@code user} and no host;
 * any other scheme keeps everything after the colon in {@code user}.
 *
 * @param scheme  {@code sip}, {@code sips}, {@code tel}, ... as written
 * @param user    user part, or null
 * @param password password part, or null
 * @param host    host, or null (tel and other non-SIP schemes)
 * @param port    port, or -1 when absent
 * @param params  URI parameters in order; null value for a flag parameter such as {@code lr}
 * @param headers URI headers ({@code ?subject=x&priority=y}) in order; null value when written without '='
 */
public record SipUri(String scheme, String user, String password, String host, int port,
                     Map<String, String> params, Map<String, String> headers) {

    /** Characters a URI cannot hold: controls, space, DEL, '<', '>' and '"'. */
    private static final boolean[] NOT_IN_URI = new boolean[128];

    static {
        for (int c = 0; c <= ' '; c++) {
            NOT_IN_URI[c] = true;
        }
        NOT_IN_URI[0x7f] = true;
        NOT_IN_URI['<'] = true;
        NOT_IN_URI['>'] = true;
        NOT_IN_URI['"'] = true;
    }

    /** Copies the maps (unmodifiable, order kept) and checks the port range. */
    public SipUri {
        Objects.requireNonNull(scheme, "scheme");
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        params = ParamMap.copyOf(params);
        headers = ParamMap.copyOf(headers);
    }

    /** {@code sip:user@host} (user may be null). */
    public static SipUri sip(String user, String host) {
        return new SipUri("sip", user, null, host, -1, null, null);
    }

    /** Parses a URI; see the type description for what is kept. */
    public static SipUri parse(String text) throws SipParseException {
        Objects.requireNonNull(text, "text");
        return parse(text, 0, text.length());
    }

    /**
     * Parses the URI in {@code s} from {@code from} to {@code to} without copying it first; exception offsets count
     * from {@code from}.
     */
    static SipUri parse(String s, int from, int to) throws SipParseException {
        int colon = indexOf(s, ':', from, to);
        if (colon <= from) {
            throw new SipParseException("URI '" + s.substring(from, to) + "' has no scheme", 0, -1);
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 128 && NOT_IN_URI[c]) {
                throw new SipParseException("invalid character in URI '" + s.substring(from, to) + "'", i - from, -1);
            }
            if (i < colon && !(isAsciiLetter(c)
                    || i > from && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'))) {
                throw new SipParseException("invalid URI scheme '" + s.substring(from, colon) + "'", i - from, -1);
            }
        }
        String scheme = KnownNames.scheme(s, from, colon);
        if (scheme.equalsIgnoreCase("sip") || scheme.equalsIgnoreCase("sips")) {
            return parseSip(s, scheme, colon + 1, from, to);
        }
        if (colon + 1 == to) {
            throw new SipParseException("URI '" + s.substring(from, to) + "' is empty after its scheme",
                    colon + 1 - from, -1);
        }
        if (scheme.equalsIgnoreCase("tel")) {
            int semi = indexOf(s, ';', colon + 1, to);
            int end = semi < 0 ? to : semi;
            if (end == colon + 1) {
                throw new SipParseException("tel URI without a number", end - from, -1);
            }
            ParamMap params = semi < 0 ? ParamMap.EMPTY : uriParams(s, semi, to, from, to);
            return new SipUri(scheme, s.substring(colon + 1, end), null, null, -1, params, null);
        }
        return new SipUri(scheme, s.substring(colon + 1, to), null, null, -1, null, null);
    }

    /** The first {@code c} in {@code s} from {@code from} before {@code to}, or -1. */
    private static int indexOf(String s, char c, int from, int to) {
        int i = s.indexOf(c, from);
        return i < to ? i : -1;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** Like {@link #parse} but throws {@link IllegalArgumentException}: for URIs written in code. */
    public static SipUri of(String text) {
        try {
            return parse(text);
        } catch (SipParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The part after {@code sip:} from {@code i} to {@code end}; exception offsets count from {@code base}. */
    private static SipUri parseSip(String s, String scheme, int i, int base, int end) throws SipParseException {
        String user = null;
        String password = null;
        int at = indexOf(s, '@', i, end);
        if (at >= 0) {
            int colon = indexOf(s, ':', i, end);
            int userEnd = colon >= 0 && colon < at ? colon : at;
            if (userEnd == i) {
                throw new SipParseException("empty user part in URI '" + s.substring(base, end) + "'", i - base, -1);
            }
            user = s.substring(i, userEnd);
            password = userEnd < at ? s.substring(userEnd + 1, at) : null;
            i = at + 1;
        }
        int hostStart = i;
        if (i < end && s.charAt(i) == '[') {
            int close = indexOf(s, ']', i, end);
            if (close < 0) {
                throw new SipParseException("unterminated IPv6 reference in URI '" + s.substring(base, end) + "'",
                        i - base, -1);
            }
            for (int k = i + 1; k < close; k++) {
                char c = s.charAt(k);
                if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                    throw new SipParseException("invalid character in IPv6 address", k - base, -1);
                }
            }
            i = close + 1;
        } else {
            while (i < end && isHostChar(s.charAt(i))) {
                i++;
            }
        }
        if (i == hostStart) {
            throw new SipParseException("URI '" + s.substring(base, end) + "' has no host", i - base, -1);
        }
        String host = s.substring(hostStart, i);
        int port = -1;
        if (i < end && s.charAt(i) == ':') {
            int portStart = ++i;
            port = 0;
            while (i < end && s.charAt(i) >= '0' && s.charAt(i) <= '9' && port <= 65535) {
                port = port * 10 + s.charAt(i++) - '0';
            }
            if (i == portStart || port > 65535) {
                throw new SipParseException("invalid port in URI '" + s.substring(base, end) + "'", portStart - base, -1);
            }
        }
        int query = indexOf(s, '?', i, end);
        int paramsEnd = query < 0 ? end : query;
        if (i < paramsEnd && s.charAt(i) != ';') {
            throw new SipParseException("unexpected '" + s.charAt(i) + "' after the host of URI '"
                    + s.substring(base, end) + "'", i - base, -1);
        }
        ParamMap params = i < paramsEnd ? uriParams(s, i, paramsEnd, base, end) : ParamMap.EMPTY;
        ParamMap headers = query < 0 ? ParamMap.EMPTY : uriHeaders(s, query + 1, end);
        return new SipUri(scheme, user, password, host, port, params, headers);
    }

    /** Headers {@code a=b&c} from {@code k} (after the '?') up to {@code end}. */
    private static ParamMap uriHeaders(String s, int k, int end) {
        ParamMap.Builder b = new ParamMap.Builder();
        while (k <= end) {
            int amp = indexOf(s, '&', k, end);
            int to = amp < 0 ? end : amp;
            if (to > k) {
                int eq = indexOf(s, '=', k, to);
                b.put(eq >= 0 ? s.substring(k, eq) : s.substring(k, to), eq >= 0 ? s.substring(eq + 1, to) : null);
            }
            k = to + 1;
        }
        return b.build();
    }

    private static boolean isHostChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_';
    }

    /**
     * Parameters {@code ;a=b;c} from a ';' at {@code i} up to {@code end}, in the URI from {@code base} to
     * {@code uriEnd} (exception offsets count from {@code base}).
     */
    private static ParamMap uriParams(String s, int i, int end, int base, int uriEnd) throws SipParseException {
        ParamMap.Builder b = new ParamMap.Builder();
        while (i < end) {
            int next = indexOf(s, ';', i + 1, end);
            if (next < 0) {
                next = end;
            }
            int eq = indexOf(s, '=', i + 1, next);
            boolean hasValue = eq >= 0;
            int nameEnd = hasValue ? eq : next;
            if (nameEnd == i + 1) {
                throw new SipParseException("empty parameter name in URI '" + s.substring(base, uriEnd) + "'",
                        i + 1 - base, -1);
            }
            b.put(KnownNames.param(s, i + 1, nameEnd), hasValue ? KnownNames.param(s, eq + 1, next) : null);
            i = next;
        }
        return b.build();
    }

    /** Whether the scheme is {@code sips}. */
    public boolean isSecure() {
        return scheme.equalsIgnoreCase("sips");
    }

    /** The value of parameter {@code name} (case-insensitive); null when absent or a flag. */
    public String param(String name) {
        return ((ParamMap) params).getIgnoreCase(name);
    }

    /** Whether parameter {@code name} is present (case-insensitive), with or without a value. */
    public boolean hasParam(String name) {
        return ((ParamMap) params).containsIgnoreCase(name);
    }

    /** This URI with parameter {@code name} set ({@code value} null for a flag), replacing any existing one. */
    public SipUri withParam(String name, String value) {
        return new SipUri(scheme, user, password, host, port, ((ParamMap) params).with(name, value), headers);
    }

    /** This URI without parameter {@code name} (case-insensitive). */
    public SipUri withoutParam(String name) {
        return new SipUri(scheme, user, password, host, port, ((ParamMap) params).without(name), headers);
    }

    /** This URI with another user part (null for none). */
    public SipUri withUser(String newUser) {
        return new SipUri(scheme, newUser, password, host, port, params, headers);
    }

    /** This URI with another host and port (-1 for none). */
    public SipUri withHostPort(String newHost, int newPort) {
        return new SipUri(scheme, user, password, newHost, newPort, params, headers);
    }

    /** The URI as text; for a parsed URI this is the original text. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64).append(scheme).append(':');
        if (user != null) {
            sb.append(user);
            if (password != null) {
                sb.append(':').append(password);
            }
            if (host != null) {
                sb.append('@');
            }
        }
        if (host != null) {
            sb.append(host);
            if (port >= 0) {
                sb.append(':').append(port);
            }
        }
        ((ParamMap) params).appendTo(sb, ';');
        ((ParamMap) headers).appendTo(sb, '?');
        return sb.toString();
    }
}
