package io.github.rcsoftphone.sip.message;

import java.util.Objects;

/** An immutable SIP request: {@code METHOD Request-URI SIP/2.0}, headers, body. */
public final class SipRequest extends AbstractSipMessage implements SipMessage {

    private final String method;
    private final SipUri uri;

    SipRequest(String method, SipUri uri, Headers headers, byte[] body) {
        super(headers, body);
        this.method = method;
        this.uri = uri;
    }

    /** A builder for a request with no headers and no body. */
    public static Builder builder(String method, SipUri uri) {
        return new Builder(method, uri, Headers.empty(), NO_BODY);
    }

    /** A builder holding a copy of this request. */
    public Builder toBuilder() {
        return new Builder(method, uri, headers(), bodyUnsafe());
    }

    /** The method as written, e.g. {@code INVITE}. */
    public String method() {
        return method;
    }

    /** The Request-URI. */
    public SipUri uri() {
        return uri;
    }

    /** Whether this is a request of {@code name} (exact, methods are case-sensitive). */
    public boolean isMethod(String name) {
        return method.equals(name);
    }

    @Override
    String startLine() {
        return method + ' ' + uri + " SIP/2.0";
    }

    /** Builds a {@link SipRequest}; see {@link MessageBuilder} for the header and body methods. */
    public static final class Builder extends MessageBuilder<Builder> {
        private String method;
        private SipUri uri;

        private Builder(String method, SipUri uri, Headers headers, byte[] body) {
            super(headers, body);
            method(method);
            uri(uri);
        }

        @Override
        Builder self() {
            return this;
        }

        /** Sets the method (a token). */
        public Builder method(String newMethod) {
            if (!HeaderNames.isToken(Objects.requireNonNull(newMethod, "method"))) {
                throw new IllegalArgumentException("invalid method '" + newMethod + "'");
            }
            this.method = newMethod;
            return this;
        }

        /** Sets the Request-URI. */
        public Builder uri(SipUri newUri) {
            this.uri = Objects.requireNonNull(newUri, "uri");
            return this;
        }

        /** The request. */
        public SipRequest build() {
            return new SipRequest(method, uri, builtHeaders(), builtBody());
        }
    }
}
