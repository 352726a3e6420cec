package io.github.rcsoftphone.sip.auth;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in SIP text before it is logged: in {@code Authorization} and {@code Proxy-Authorization} header
 * lines (and their folded continuation lines) the value of {@code response} becomes {@code "***"}, and in SDP
 * {@code a=crypto} lines (SDES, RFC 4568) every {@code inline:} key and salt becomes {@code ***} (a lifetime or MKI
 * after it stays). Lines are checked wherever they appear (a {@code message/sipfrag} body can quote a request).
 * Nothing else is changed or removed.
 */
public final class Redactor {
    private static final Pattern RESPONSE =
            Pattern.compile("(?<![\\w-])(response\\s*=\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"?|[^\\s,]+)", Pattern.CASE_INSENSITIVE);

    private static final Pattern INLINE_KEY = Pattern.compile("(inline:)[^|;\\s]+", Pattern.CASE_INSENSITIVE);

    private Redactor() {
    }

    /** Returns {@code sipMessageText} with digest response values replaced by {@code "***"}. */
    public static String redact(String sipMessageText) {
        StringBuilder out = new StringBuilder(sipMessageText.length());
        boolean inAuthHeader = false;
        int start = 0;
        while (start < sipMessageText.length()) {
            int newline = sipMessageText.indexOf('\n', start);
            int end = newline < 0 ? sipMessageText.length() : newline + 1;
            String line = sipMessageText.substring(start, end);
            boolean continuation = line.startsWith(" ") || line.startsWith("\t");
            inAuthHeader = continuation ? inAuthHeader : isAuthorizationHeader(line);
            if (inAuthHeader) {
                line = RESPONSE.matcher(line).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "\"***\""));
            } else if (isCryptoLine(line)) {
                line = INLINE_KEY.matcher(line).replaceAll("$1***");
            }
            out.append(line);
            start = end;
        }
        return out.toString();
    }

    private static boolean isCryptoLine(String line) {
        return line.regionMatches(true, 0, "a=crypto:", 0, 9);
    }

    private static boolean isAuthorizationHeader(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return false;
        }
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        return name.equals("authorization") || name.equals("proxy-authorization");
    }
}
