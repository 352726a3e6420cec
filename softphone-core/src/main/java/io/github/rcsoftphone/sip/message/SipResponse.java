package io.github.rcsoftphone.sip.message;

import java.util.Objects;

/** An immutable SIP response: {@code SIP/2.0 code reason}, headers, body. */
public final class SipResponse extends AbstractSipMessage implements SipMessage {

    private final int statusCode;
    private final String reasonPhrase;

    SipResponse(int statusCode, String reasonPhrase, Headers headers, byte[] body) {
        super(headers, body);
        this.statusCode = statusCode;
        this.reasonPhrase = reasonPhrase;
    }

    /** A builder for a response with no headers and no body. */
    public static Builder builder(int statusCode, String reasonPhrase) {
        return new Builder(statusCode, reasonPhrase, Headers.empty(), NO_BODY);
    }

    /**
     * RFC 3261 8.2.6: a response to {@code request} with its Via lines (all), From, To, Call-ID and CSeq copied in
     * the request's order and spelling. {@code toTagOrNull}, when given, is added to To if To has no tag
     * (a To that cannot be parsed is copied unchanged).
     */
    public static Builder forRequest(SipRequest request, int statusCode, String reasonPhrase, String toTagOrNull) {
        Builder b = builder(statusCode, reasonPhrase);
        String to = HeaderNames.key(HeaderNames.TO);
        for (Header h : request.headers()) {
            String name = h.name();
            String value = h.value();
            if (HeaderNames.matches(name, to)) {
                b.header(name, toTagOrNull == null ? value : withTag(value, toTagOrNull));
            } else if (HeaderNames.matches(name, HeaderNames.VIA) || HeaderNames.matches(name, HeaderNames.FROM)
                    || HeaderNames.matches(name, HeaderNames.CALL_ID) || HeaderNames.matches(name, HeaderNames.CSEQ)) {
                b.header(name, value);
            }
        }
        return b;
    }

    private static String withTag(String to, String tag) {
        try {
            return NameAddr.parse(to).tag() == null ? to + ";tag=" + tag : to;
        } catch (SipParseException e) {
            return to;
        }
    }

    /** A builder holding a copy of this response. */
    public Builder toBuilder() {
        return new Builder(statusCode, reasonPhrase, headers(), bodyUnsafe());
    }

    /** The status code, 100 to 699. */
    public int statusCode() {
        return statusCode;
    }

    /** The reason phrase, possibly empty. */
    public String reasonPhrase() {
        return reasonPhrase;
    }

    /** Whether the status code is 1xx. */
    public boolean isProvisional() {
        return statusCode < 200;
    }

    @Override
    String startLine() {
        return "SIP/2.0 " + statusCode + ' ' + reasonPhrase;
    }

    /** Builds a {@link SipResponse}; see {@link MessageBuilder} for the header and body methods. */
    public static final class Builder extends MessageBuilder<Builder> {
        private int statusCode;
        private String reasonPhrase;

        private Builder(int statusCode, String reasonPhrase, Headers headers, byte[] body) {
            super(headers, body);
            status(statusCode, reasonPhrase);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Sets the status code (100-699) and reason phrase (no line breaks). */
        public Builder status(int code, String reason) {
            if (code < 100 || code > 699) {
                throw new IllegalArgumentException("status code out of range: " + code);
            }
            Objects.requireNonNull(reason, "reasonPhrase");
            if (reason.indexOf('\r') >= 0 || reason.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("reason phrase has a line break");
            }
            this.statusCode = code;
            this.reasonPhrase = reason;
            return this;
        }

        /** The response. */
        public SipResponse build() {
            return new SipResponse(statusCode, reasonPhrase, builtHeaders(), builtBody());
        }
    }
}
