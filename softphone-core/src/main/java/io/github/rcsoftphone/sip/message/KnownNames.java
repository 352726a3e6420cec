package io.github.rcsoftphone.sip.message;

import java.nio.charset.StandardCharsets;

/** Shared String instances for common header names and methods, so that parsing them allocates nothing. */
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

    private KnownNames() {
    }

    static String name(byte[] data, int from, int to) {
        return lookup(HEADERS, data, from, to);
    }

    static String method(byte[] data, int from, int to) {
        return lookup(METHODS, data, from, to);
    }

    private static String lookup(String[][] table, byte[] data, int from, int to) {
        int n = to - from;
        if (n < table.length) {
            for (String candidate : table[n]) {
                if (same(candidate, data, from, n)) {
                    return candidate;
                }
            }
        }
        return new String(data, from, n, StandardCharsets.US_ASCII);
    }

    private static boolean same(String s, byte[] data, int from, int n) {
        for (int k = 0; k < n; k++) {
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
