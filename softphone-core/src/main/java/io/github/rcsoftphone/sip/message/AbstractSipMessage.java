package io.github.rcsoftphone.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What requests and responses share: headers, body, lazily parsed structured headers, the writer. The caches are
 * plain fields: racing threads compute equal immutable values, so the message stays effectively immutable.
 */
abstract class AbstractSipMessage {

    static final byte[] NO_BODY = new byte[0];

    private final Headers headers;
    private final byte[] body;
    private CSeq cseq;
    private List<Via> vias;
    private NameAddr from;
    private NameAddr to;

    /** Takes ownership of {@code body}. */
    AbstractSipMessage(Headers headers, byte[] body) {
        this.headers = headers;
        this.body = body;
    }

    /** All header lines in order. */
    public Headers headers() {
        return headers;
    }

    /** A copy of the body; an empty array when there is none. */
    public byte[] body() {
        return body.length == 0 ? body : body.clone();
    }

    /** Body length in bytes. */
    public int bodyLength() {
        return body.length;
    }

    /** The body decoded as UTF-8. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body without copying, for the writer and builders of this package. */
    byte[] bodyUnsafe() {
        return body;
    }

    /** The Call-ID (or {@code i}); {@link IllegalStateException} if absent. */
    public String callId() {
        return required(KnownHeaders.CALL_ID, HeaderNames.CALL_ID);
    }

    /** The parsed CSeq; {@link IllegalStateException} if absent or malformed. */
    public CSeq cseq() {
        CSeq c = cseq;
        if (c == null) {
            String raw = required(KnownHeaders.CSEQ, HeaderNames.CSEQ);
            try {
                c = CSeq.parse(raw);
            } catch (SipParseException e) {
                throw malformed(HeaderNames.CSEQ, e);
            }
            cseq = c;
        }
        return c;
    }

    /** Every Via value in order, comma-separated values split; {@link IllegalStateException} if one is malformed. */
    public List<Via> vias() {
        List<Via> v = vias;
        if (v == null) {
            List<String> raw = headers.viaValues();
            Via[] parsed = new Via[raw.size()];
            for (int i = 0; i < parsed.length; i++) {
                try {
                    parsed[i] = Via.parse(raw.get(i));
                } catch (SipParseException e) {
                    throw malformed(HeaderNames.VIA, e);
                }
            }
            v = List.of(parsed);
            vias = v;
        }
        return v;
    }

    /** The parsed From; {@link IllegalStateException} if absent or malformed. */
    public NameAddr from() {
        NameAddr f = from;
        if (f == null) {
            f = address(KnownHeaders.FROM, HeaderNames.FROM);
            from = f;
        }
        return f;
    }

    /** The parsed To; {@link IllegalStateException} if absent or malformed. */
    public NameAddr to() {
        NameAddr t = to;
        if (t == null) {
            t = address(KnownHeaders.TO, HeaderNames.TO);
            to = t;
        }
        return t;
    }

    private NameAddr address(int slot, String name) {
        try {
            return NameAddr.parse(required(slot, name));
        } catch (SipParseException e) {
            throw malformed(name, e);
        }
    }

    private String required(int slot, String name) {
        String value = headers.firstKnown(slot);
        if (value == null) {
            throw new IllegalStateException("message has no " + name + " header");
        }
        return value;
    }

    private static IllegalStateException malformed(String name, SipParseException e) {
        return new IllegalStateException("malformed " + name + " header: " + e.getMessage(), e);
    }

    /** The start line without its CRLF. */
    abstract String startLine();

    /** The wire form, with Content-Length set to the body's byte count; see {@link SipMessage#toBytes()}. */
    public byte[] toBytes() {
        return MessageWriter.write(startLine(), headers, body);
    }

    /** {@link #toBytes()} as UTF-8 text. */
    @Override
    public String toString() {
        return new String(toBytes(), StandardCharsets.UTF_8);
    }
}
