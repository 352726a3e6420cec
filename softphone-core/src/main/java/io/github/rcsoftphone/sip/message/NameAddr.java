package io.github.rcsoftphone.sip.message;

import java.util.Map;
import java.util.Objects;

/**
 * The value of From, To, Contact, Route and similar headers (RFC 3261 20.10): an optional display name, a URI in
 * angle brackets, then header parameters such as {@code tag} or {@code expires}. In the bare form
 * {@code sip:a@b;tag=x} the parameters after the URI belong to the header, as the RFC says.
 * Parameter values keep their quotes when quoted ({@code +sip.instance="<urn:uuid:...>"}).
 *
 * @param displayName display name without quotes or escapes, or null if none
 * @param uri         the address
 * @param params      header parameters in order; null value for a flag parameter
 */
public record NameAddr(String displayName, SipUri uri, Map<String, String> params) {

    /** Copies the parameter map (unmodifiable, order kept). */
    public NameAddr {
        Objects.requireNonNull(uri, "uri");
        params = ParamMap.copyOf(params);
    }

    /** An address without display name or parameters. */
    public static NameAddr of(SipUri uri) {
        return new NameAddr(null, uri, null);
    }

    /** Parses one name-addr or addr-spec with its parameters. */
    public static NameAddr parse(String text) throws SipParseException {
        Objects.requireNonNull(text, "text");
        int end = Syntax.trimEnd(text, 0, text.length());
        int i = Syntax.skipWs(text, 0, end);
        if (i == end) {
            throw new SipParseException("empty address", i, -1);
        }
        String display = null;
        if (text.charAt(i) == '"') {
            int close = Syntax.endOfQuoted(text, i, end);
            if (close < 0) {
                throw new SipParseException("unterminated display name in '" + text + "'", i, -1);
            }
            display = Syntax.unquote(text, i, close);
            i = Syntax.skipWs(text, close, end);
            if (i == end || text.charAt(i) != '<') {
                throw new SipParseException("expected '<' after the display name in '" + text + "'", i, -1);
            }
        } else {
            int lt = i;
            while (lt < end && text.charAt(lt) != '<' && text.charAt(lt) != ';' && text.charAt(lt) != '"') {
                lt++;
            }
            if (lt < end && text.charAt(lt) == '<') {
                int nameEnd = Syntax.trimEnd(text, i, lt);
                display = nameEnd > i ? text.substring(i, nameEnd) : null;
                i = lt;
            }
        }
        SipUri uri;
        if (text.charAt(i) == '<') {
            int gt = text.indexOf('>', i);
            if (gt < 0 || gt >= end) {
                throw new SipParseException("missing '>' in '" + text + "'", i, -1);
            }
            uri = parseUri(text, i + 1, gt);
            i = gt + 1;
        } else {
            int uriEnd = i;
            while (uriEnd < end && text.charAt(uriEnd) != ';' && !Syntax.isWs(text.charAt(uriEnd))) {
                uriEnd++;
            }
            uri = parseUri(text, i, uriEnd);
            i = uriEnd;
        }
        return new NameAddr(display, uri, Syntax.headerParams(text, i, end));
    }

    /** Like {@link #parse} but throws {@link IllegalArgumentException}: for addresses written in code. */
    public static NameAddr of(String text) {
        try {
            return parse(text);
        } catch (SipParseException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static SipUri parseUri(String text, int from, int to) throws SipParseException {
        try {
            return SipUri.parse(text, from, to);
        } catch (SipParseException e) {
            throw new SipParseException(e.problem(), from + Math.max(e.offset(), 0), -1);
        }
    }

    /** The {@code tag} parameter, or null. */
    public String tag() {
        return param("tag");
    }

    /** The value of parameter {@code name} (case-insensitive), or null when absent or a flag. */
    public String param(String name) {
        return ((ParamMap) params).getIgnoreCase(name);
    }

    /** This address with {@code tag} set. */
    public NameAddr withTag(String tag) {
        return withParam("tag", Objects.requireNonNull(tag, "tag"));
    }

    /** This address with parameter {@code name} set ({@code value} null for a flag), replacing any existing one. */
    public NameAddr withParam(String name, String value) {
        return new NameAddr(displayName, uri, ((ParamMap) params).with(name, value));
    }

    /** This address without parameter {@code name}. */
    public NameAddr withoutParam(String name) {
        return new NameAddr(displayName, uri, ((ParamMap) params).without(name));
    }

    /** {@code "Name" <uri>;params}: always the bracketed form, display name quoted. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(80);
        if (displayName != null) {
            sb.append(Syntax.quote(displayName)).append(' ');
        }
        sb.append('<').append(uri).append('>');
        ((ParamMap) params).appendTo(sb, ';');
        return sb.toString();
    }
}
