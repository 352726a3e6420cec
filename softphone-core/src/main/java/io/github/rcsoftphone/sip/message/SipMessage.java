package io.github.rcsoftphone.sip.message;

import java.util.List;
import java.util.Optional;

/**
 * An immutable SIP request or response: start line, ordered headers, body bytes. Structured headers are parsed when
 * first asked for; a missing or malformed mandatory header then gives an {@link IllegalStateException} that names it.
 * {@link #toBytes()} writes the message (always with a correct Content-Length); {@code toString()} is the same text.
 */
public sealed interface SipMessage permits SipRequest, SipResponse {

    /** All header lines in order. */
    Headers headers();

    /** A copy of the body; an empty array when there is none. */
    byte[] body();

    /** Body length in bytes. */
    int bodyLength();

    /** The body decoded as UTF-8. */
    String bodyText();

    /** The first value of header {@code name} (case-insensitive, compact forms understood). */
    default Optional<String> header(String name) {
        return headers().first(name);
    }

    /** The Call-ID (or {@code i}); {@link IllegalStateException} if absent. */
    String callId();

    /** The parsed CSeq; {@link IllegalStateException} if absent or malformed. */
    CSeq cseq();

    /** Every Via value in order, comma-separated values split; empty when there is none. */
    List<Via> vias();

    /** The parsed From; {@link IllegalStateException} if absent or malformed. */
    NameAddr from();

    /** The parsed To; {@link IllegalStateException} if absent or malformed. */
    NameAddr to();

    /**
     * The wire form: start line, headers as {@code Name: value} CRLF, Content-Length set to the body's byte count
     * (replacing an existing one in place, else appended last), a blank line, the body.
     */
    byte[] toBytes();
}
