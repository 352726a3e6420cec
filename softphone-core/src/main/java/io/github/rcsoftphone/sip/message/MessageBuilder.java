package io.github.rcsoftphone.sip.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Header and body editing shared by {@link SipRequest.Builder} and {@link SipResponse.Builder}. Names match
 * case-insensitively with compact forms; names and values are checked when added.
 *
 * @param <B> the concrete builder
 */
abstract class MessageBuilder<B extends MessageBuilder<B>> {

    private final List<Header> headers;
    private byte[] body;

    MessageBuilder(Headers initial, byte[] body) {
        this.headers = new ArrayList<>(Math.max(initial.size() + 4, 12));
        this.headers.addAll(initial.asList());
        this.body = body;
    }

    abstract B self();

    /** Appends {@code name: value}. */
    public B header(String name, String value) {
        HeaderNames.check(name, value);
        headers.add(new Header(name, value));
        return self();
    }

    /** Replaces every {@code name} line (compact forms included) by one, at the first one's place or appended. */
    public B setHeader(String name, String value) {
        HeaderNames.check(name, value);
        Headers.replace(headers, name, value);
        return self();
    }

    /** Removes every {@code name} line (compact forms included). */
    public B removeHeader(String name) {
        Headers.remove(headers, name);
        return self();
    }

    /** Sets the body and its Content-Type ({@code contentType} null removes Content-Type). */
    public B body(String contentType, byte[] content) {
        if (contentType == null) {
            removeHeader(HeaderNames.CONTENT_TYPE);
        } else {
            setHeader(HeaderNames.CONTENT_TYPE, contentType);
        }
        return body(content);
    }

    /** Sets the body and its Content-Type; the text is encoded as UTF-8. */
    public B body(String contentType, String text) {
        return body(contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sets the body (copied) and leaves Content-Type as it is; Content-Length is always written by the writer. */
    public B body(byte[] content) {
        Objects.requireNonNull(content, "body");
        this.body = content.length == 0 ? AbstractSipMessage.NO_BODY : Arrays.copyOf(content, content.length);
        return self();
    }

    Headers builtHeaders() {
        return new Headers(headers.toArray(new Header[0]));
    }

    byte[] builtBody() {
        return body;
    }
}
