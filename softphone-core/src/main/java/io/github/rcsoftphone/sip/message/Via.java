package io.github.rcsoftphone.sip.message;

import java.util.Map;
import java.util.Objects;

/**
 * One Via value (RFC 3261 20.42): {@code SIP/2.0/WSS host:port;branch=z9hG4bK...;received=...}.
 * An IPv6 host keeps its brackets.
 *
 * @param protocol  protocol name and version, normally {@code SIP/2.0}
 * @param transport {@code WSS}, {@code TLS}, {@code TCP}, {@code UDP}, ... as written
 * @param host      sent-by host
 * @param port      sent-by port, or -1
 * @param params    parameters in order; null value for a flag such as {@code rport}
 */
public record Via(String protocol, String transport, String host, int port, Map<String, String> params) {

    private static final String SIP_2_0 = "SIP/2.0";

    /** Copies the parameter map (unmodifiable, order kept). */
    public Via {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        params = ParamMap.copyOf(params);
    }

    /** {@code SIP/2.0/<transport> host[:port];branch=<branch>}. */
    public static Via of(String transport, String host, int port, String branch) {
        return new Via(SIP_2_0, transport, host, port, ParamMap.EMPTY.with("branch", branch));
    }

    /** Parses a single Via value (split comma-separated lists first, as {@link Headers#values} does). */
    public static Via parse(String text) throws SipParseException {
        Objects.requireNonNull(text, "text");
        int end = Syntax.trimEnd(text, 0, text.length());
        int i = Syntax.skipWs(text, 0, end);
        int nameStart = i;
        i = Syntax.skipToken(text, i, end);
        int nameEnd = i;
        i = expectSlash(text, i, end);
        int versionStart = i;
        i = Syntax.skipToken(text, i, end);
        int versionEnd = i;
        i = expectSlash(text, i, end);
        int transportStart = i;
        i = Syntax.skipToken(text, i, end);
        if (nameEnd == nameStart || versionEnd == versionStart || i == transportStart) {
            throw new SipParseException("Via '" + text + "' does not start with protocol/version/transport", i, -1);
        }
        String protocol = protocol(text, nameStart, nameEnd, versionStart, versionEnd);
        String transport = KnownNames.transport(text, transportStart, i);
        int hostStart = Syntax.skipWs(text, i, end);
        if (hostStart == i || hostStart == end) {
            throw new SipParseException("Via '" + text + "' has no sent-by host", hostStart, -1);
        }
        i = hostStart;
        if (text.charAt(i) == '[') {
            int close = text.indexOf(']', i);
            if (close < 0 || close >= end) {
                throw new SipParseException("unterminated IPv6 reference in Via '" + text + "'", i, -1);
            }
            i = close + 1;
        } else {
            while (i < end && isHostChar(text.charAt(i))) {
                i++;
            }
            if (i == hostStart) {
                throw new SipParseException("invalid sent-by host in Via '" + text + "'", i, -1);
            }
        }
        String host = text.substring(hostStart, i);
        int port = -1;
        int j = Syntax.skipWs(text, i, end);
        if (j < end && text.charAt(j) == ':') {
            i = Syntax.skipWs(text, j + 1, end);
            int portStart = i;
            port = 0;
            while (i < end && text.charAt(i) >= '0' && text.charAt(i) <= '9' && port <= 65535) {
                port = port * 10 + text.charAt(i++) - '0';
            }
            if (i == portStart || port > 65535) {
                throw new SipParseException("invalid port in Via '" + text + "'", portStart, -1);
            }
        }
        return new Via(protocol, transport, host, port, Syntax.headerParams(text, i, end));
    }

    /** {@code SIP/2.0} (the shared constant) or {@code name/version} as written. */
    private static String protocol(String s, int nameStart, int nameEnd, int versionStart, int versionEnd) {
        if (nameEnd - nameStart == 3 && versionEnd - versionStart == 3 && s.startsWith("SIP", nameStart)
                && s.startsWith("2.0", versionStart)) {
            return SIP_2_0;
        }
        return s.substring(nameStart, nameEnd) + "/" + s.substring(versionStart, versionEnd);
    }

    private static int expectSlash(String s, int i, int end) throws SipParseException {
        i = Syntax.skipWs(s, i, end);
        if (i >= end || s.charAt(i) != '/') {
            throw new SipParseException("expected '/' in Via '" + s + "'", i, -1);
        }
        return Syntax.skipWs(s, i + 1, end);
    }

    private static boolean isHostChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_';
    }

    /** The {@code branch} parameter, or null. */
    public String branch() {
        return param("branch");
    }

    /** The value of parameter {@code name} (case-insensitive), or null when absent or a flag. */
    public String param(String name) {
        return ((ParamMap) params).getIgnoreCase(name);
    }

    /** Whether parameter {@code name} is present (case-insensitive). */
    public boolean hasParam(String name) {
        return ((ParamMap) params).containsIgnoreCase(name);
    }

    /** This Via with parameter {@code name} set ({@code value} null for a flag), replacing any existing one. */
    public Via withParam(String name, String value) {
        return new Via(protocol, transport, host, port, ((ParamMap) params).with(name, value));
    }

    /** {@code SIP/2.0/WSS host:port;params}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(80).append(protocol).append('/').append(transport).append(' ').append(host);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        ((ParamMap) params).appendTo(sb, ';');
        return sb.toString();
    }
}
