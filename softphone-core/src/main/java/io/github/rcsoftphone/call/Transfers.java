package io.github.rcsoftphone.call;

import io.github.rcsoftphone.sip.message.SipUri;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Text shapes of transfers: the {@code Replaces} of a dialog (RFC 3891) written into a {@code Refer-To} URI and read
 * back, and the status line of a {@code message/sipfrag} NOTIFY body (RFC 3515). Pure functions; nothing here
 * throws on what the network sent.
 */
final class Transfers {
    /** The Replaces header as a URI header name ({@code ?Replaces=...}). */
    static final String REPLACES = "Replaces";

    private Transfers() {
    }

    /** A dialog as a Replaces value: the tags as the far end of that dialog sees them (RFC 3891 3). */
    record Replaces(String callId, String toTag, String fromTag) {
        /** {@code callid;to-tag=..;from-tag=..}: as seen by the dialog's far end, our tag is its from-tag. */
        static Replaces of(Dialog dialog) {
            return new Replaces(dialog.callId(), dialog.remoteTag(), dialog.localTag());
        }

        /** The header value. */
        @Override
        public String toString() {
            return callId + ";to-tag=" + toTag + ";from-tag=" + fromTag;
        }

        /** Parses a {@code Replaces} header value; empty when it lacks the Call-ID or a tag. */
        static Optional<Replaces> parse(String value) {
            if (value == null) {
                return Optional.empty();
            }
            String[] parts = value.strip().split(";");
            String to = null;
            String from = null;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].strip();
                int eq = p.indexOf('=');
                String name = eq < 0 ? p : p.substring(0, eq).strip();
                String v = eq < 0 ? null : p.substring(eq + 1).strip();
                if (name.equalsIgnoreCase("to-tag")) {
                    to = v;
                } else if (name.equalsIgnoreCase("from-tag")) {
                    from = v;
                }
            }
            String callId = parts[0].strip();
            return callId.isEmpty() || to == null || from == null || to.isEmpty() || from.isEmpty() ? Optional.empty()
                    : Optional.of(new Replaces(callId, to, from));
        }

        /** Whether {@code dialog} is the one this names, seen from our side (to-tag = our tag). */
        boolean matches(Dialog dialog) {
            return callId.equals(dialog.callId()) && toTag.equals(dialog.localTag())
                    && fromTag.equals(dialog.remoteTag());
        }
    }

    /** {@code uri?Replaces=<escaped value>}: the Refer-To of an attended transfer. */
    static String referToWithReplaces(SipUri target, Replaces replaces) {
        return new SipUri(target.scheme(), target.user(), null, target.host(), target.port(), target.params(), null)
                + "?" + REPLACES + "=" + escape(replaces.toString());
    }

    /** Percent-escapes everything but RFC 3261's unreserved characters (for a URI header value). */
    static String escape(String value) {
        StringBuilder b = new StringBuilder();
        for (byte by : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (by & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-_.!~*'()".indexOf(c) >= 0)) {
                b.append(c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return b.toString();
    }

    /** Undoes {@link #escape}; a {@code %} not followed by two hex digits stays as it is. */
    static String unescape(String value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            int hi = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
            int lo = i + 2 < value.length() ? Character.digit(value.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A sipfrag's status line, e.g. {@code SIP/2.0 180 Ringing}. */
    record Status(int code, String reason) {
        /** The first line of a {@code message/sipfrag} body when it is a status line; empty otherwise. */
        static Optional<Status> ofSipfrag(byte[] body) {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            int eol = text.indexOf('\n');
            String line = (eol < 0 ? text : text.substring(0, eol)).strip();
            String[] parts = line.split(" ", 3);
            if (parts.length < 2 || !parts[0].equalsIgnoreCase("SIP/2.0") || !parts[1].matches("[1-6][0-9][0-9]")) {
                return Optional.empty();
            }
            return Optional.of(new Status(Integer.parseInt(parts[1]), parts.length > 2 ? parts[2].strip() : ""));
        }

        /** The sipfrag body for this status. */
        byte[] sipfrag() {
            return ("SIP/2.0 " + code + " " + reason + "\r\n").getBytes(StandardCharsets.UTF_8);
        }
    }
}
