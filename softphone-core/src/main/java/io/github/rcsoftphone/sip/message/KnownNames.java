package io.github.rcsoftphone.sip.message;

import java.nio.charset.StandardCharsets;

/**
 * Shared String instances for common header names, methods, parameter names, transports and URI schemes, so that
 * parsing them allocates nothing. A lookup matches the exact spelling (what was written is kept); anything else
 * becomes a new String.
 */
final class KnownNames {

    private static final String[][] HEADERS = byLength(
            "Via", "v", "From", "f", "To", "t", "Call-ID", "Call-Id", "i", "CSeq", "Contact", "m", "Max-Forwards",
            "Content-Length", "l", "Content-Type", "c", "User-Agent", "Server", "Allow", "Supported", "k", "Require",
            "Expires", "Record-Route", "Route", "Authorization", "WWW-Authenticate", "Www-Authenticate",
            "Proxy-Authenticate", "Proxy-Authorization", "Session-Expires", "x", "Min-SE", "Event", "o",
            "Allow-Events", "Call-Info", "Alert-Info", "P-rc", "p-rc-api-ids", "p-rc-api-call-info",
            "P-Asserted-Identity", "Accept", "Date", "Timestamp", "Subscription-State", "Reason", "Warning");

    private static final String[][] METHODS = byLength(
            "INVITE", "ACK", "BYE", "CANCEL", "REGISTER", "OPTIONS", "MESSAGE", "INFO", "UPDATE", "NOTIFY",
            "SUBSCRIBE", "REFER", "PRACK", "PUBLISH");

    private static final String[][] PARAMS = byLength(
            "tag", "branch", "received", "rport", "transport", "lr", "expires", "user", "maddr", "ttl", "method",
            "q", "purpose", "refresher", "reg-id", "ob", "ws", "wss", "tcp", "tls", "udp");

    private static final String[][] TRANSPORTS = byLength("UDP", "TCP", "TLS", "SCTP", "WS", "WSS");

    private static final String[][] SCHEMES = byLength("sip", "sips", "tel");

    private KnownNames() {
    }

    static String name(byte[] data, int from, int to) {
        return lookup(HEADERS, data, from, to);
    }

    static String method(byte[] data, int from, int to) {
        return lookup(METHODS, data, from, to);
    }

    /** The method in {@code s} from {@code from} to {@code to}. */
    static String method(String s, int from, int to) {
        return lookup(METHODS, s, from, to);
    }

    /** A parameter name or value (URI, Via, name-addr). */
    static String param(String s, int from, int to) {
        return lookup(PARAMS, s, from, to);
    }

    /** A Via transport. */
    static String transport(String s, int from, int to) {
        return lookup(TRANSPORTS, s, from, to);
    }

    /** A URI scheme. */
    static String scheme(String s, int from, int to) {
        return lookup(SCHEMES, s, from, to);
    }

    private static String lookup(String[][] table, String s, int from, int to) {
        int n = to - from;
        if (n > 0 && n < table.length) {
            for (String candidate : table[n]) {
                if (s.charAt(from) == candidate.charAt(0) && s.startsWith(candidate, from)) {
                    return candidate;
                }
            }
        }
        return from == 0 && to == s.length() ? s : s.substring(from, to);
    }

    private static String lookup(String[][] table, byte[] data, int from, int to) {
        int n = to - from;
        if (n > 0 && n < table.length) {
            for (String candidate : table[n]) {
                if (candidate.charAt(0) == data[from] && same(candidate, data, from, n)) {
                    return candidate;
                }
            }
        }
        return new String(data, from, n, StandardCharsets.US_ASCII);
    }

    private static boolean same(String s, byte[] data, int from, int n) {
        for (int k = 1; k < n; k++) {
            if (s.charAt(k) != data[from + k]) {
                return false;
            }
        }
        return true;
    }

    private static String[][] byLength(String... names) {
        int max = 0;
        for (String s : names) {
            max = Math.max(max, s.length());
        }
        String[][] table = new String[max + 1][];
        for (int len = 0; len <= max; len++) {
            final int l = len;
            table[len] = java.util.Arrays.stream(names).filter(s -> s.length() == l).toArray(String[]::new);
        }
        return table;
    }
}
