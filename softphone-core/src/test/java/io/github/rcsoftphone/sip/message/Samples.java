package io.github.rcsoftphone.sip.message;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Loads the sample messages under {@code src/test/resources/sip/} and builds messages from text. */
final class Samples {

    static final List<String> ALL = List.of(
            "invite.sip", "register.sip", "trying.sip", "unauthorized.sip", "register-auth.sip", "trying-auth.sip",
            "ok.sip");

    private Samples() {
    }

    static byte[] bytes(String name) {
        try (InputStream in = Samples.class.getResourceAsStream("/sip/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8);
    }

    /** {@code lines} joined with CRLF (write "" for the blank line). */
    static byte[] crlf(String... lines) {
        return String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    static SipMessage parse(byte[] data) {
        try {
            return SipParser.parse(data);
        } catch (SipParseException e) {
            throw new AssertionError("unexpected parse failure: " + e.getMessage(), e);
        }
    }

    static SipRequest request(String... lines) {
        return (SipRequest) parse(crlf(lines));
    }

    static SipResponse response(String... lines) {
        return (SipResponse) parse(crlf(lines));
    }
}
