package io.github.rcsoftphone.interop.kamailio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.sip.transport.TransportKind;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The non-REGISTER routes of the harness, with hand-written requests: a subscriber's INVITE is challenged for proxy
 * authentication (RingCentral's 407), an INVITE to a user with no binding gets 404, OPTIONS to the edge gets 200.
 */
class RawRoutingTest {

    @RegisterExtension
    static final KamailioExtension KAMAILIO = new KamailioExtension(KamailioOptions.defaults());

    @Test
    void aSubscribersInviteIsChallengedWith407() throws Exception {
        KamailioServer server = KAMAILIO.server();
        String reply = send(server, "INVITE", KamailioOptions.DEFAULT_SIP_USER, "16505550199");
        assertThat(reply).as(reply).startsWith("SIP/2.0 407")
                .containsPattern("(?i)Proxy-Authenticate: Digest realm=\"" + server.domain() + "\"");
    }

    @Test
    void anInviteToAnUnregisteredUserGets404() throws Exception {
        KamailioServer server = KAMAILIO.server();
        String reply = send(server, "INVITE", "14155550123", "16505550199");
        assertThat(reply).as(reply).startsWith("SIP/2.0 404");
    }

    @Test
    void optionsToTheEdgeGets200() throws Exception {
        KamailioServer server = KAMAILIO.server();
        String reply = send(server, "OPTIONS", "14155550123", null);
        assertThat(reply).as(reply).startsWith("SIP/2.0 200");
    }

    private static String send(KamailioServer server, String method, String from, String to) throws Exception {
        String ruri = to == null ? "sip:" + server.domain() : "sip:" + to + "@" + server.domain();
        try (RawSipConnection c = RawSipConnection.open(server, TransportKind.TCP)) {
            c.send(method + " " + ruri + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK" + UUID.randomUUID() + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:" + from + "@" + server.domain() + ">;tag=r1\r\n"
                    + "To: <" + ruri + ">\r\n"
                    + "Call-ID: " + UUID.randomUUID() + "\r\n"
                    + "CSeq: 1 " + method + "\r\n"
                    + "Contact: <sip:" + from + "@127.0.0.1:5999;transport=tcp>\r\n"
                    + "Content-Length: 0\r\n\r\n");
            String reply = c.receive();
            while (reply.startsWith("SIP/2.0 1")) {
                reply = c.receive();
            }
            return reply;
        }
    }
}
