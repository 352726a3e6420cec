package io.github.rcsoftphone.edge;

import io.github.rcsoftphone.sip.auth.DigestVerifier;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import java.util.List;

/** Responses the edge itself sends (with its To tag and Server header), and digest challenges. */
final class Replies {
    private static final String SERVER = "softphone-edge";

    private final DigestVerifier verifier;
    private final String toTag;

    Replies(DigestVerifier verifier, String toTag) {
        this.verifier = verifier;
        this.toTag = toTag;
    }

    void send(EdgeConnection c, SipRequest request, int code, String reason) {
        sendWith(c, request, code, reason, List.of());
    }

    /** Sends a response with extra headers given as name, value, name, value, ... */
    void sendWith(EdgeConnection c, SipRequest request, int code, String reason, List<String> extra) {
        if (request.isMethod("ACK")) {
            return;
        }
        SipResponse.Builder b = SipResponse.forRequest(request, code, reason, code == 100 ? null : toTag);
        for (int i = 0; i + 1 < extra.size(); i += 2) {
            b.header(extra.get(i), extra.get(i + 1));
        }
        c.send(b.header("Server", SERVER).build());
    }

    /** 401 with WWW-Authenticate or 407 with Proxy-Authenticate. */
    void challenge(EdgeConnection c, SipRequest request, int code, boolean stale) {
        String header = code == 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
        sendWith(c, request, code, code == 407 ? "Proxy Authentication Required" : "Unauthorized",
                List.of(header, verifier.challenge(stale)));
    }
}
