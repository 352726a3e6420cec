package io.github.rcsoftphone.interop.kamailio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.sip.transport.TransportKind;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * RingCentral's call-control messages: a device confirms an incoming call with {@code MESSAGE sip:#<n>@domain:5060}
 * ({@code Content-Type: x-rc/agent}, the P-rc From). The edge answers 200 without a challenge and logs the body as
 * {@code RCTEST rc-agent ...} so that call tests can check the device's Cmd 17.
 */
class RcAgentMessageTest {

    @RegisterExtension
    static final KamailioExtension KAMAILIO = new KamailioExtension(KamailioOptions.defaults());

    private static final String CONFIRM = "<Msg><Hdr SID=\"35741438756848\" Req=\"1686558\" From=\"16505550100@sip.test\""
            + " To=\"#1523016@sip.test:5060\" Cmd=\"17\"/><Bdy Cln=\"802398804016\"/></Msg>";

    @Test
    void aReceiveConfirmIsAcceptedAndLogged() throws Exception {
        KamailioServer server = KAMAILIO.server();
        String reply = message(server, "sip:#1523016@sip.test:5060", "x-rc/agent", CONFIRM);
        assertThat(reply).as(reply).startsWith("SIP/2.0 200");
        assertThat(server.countLogLines("RCTEST rc-agent from=16505550100 ruri=sip:#1523016@sip.test:5060")).isEqualTo(1);
        assertThat(server.countLogLines("Cmd=\"17\"")).isEqualTo(1);
    }

    @Test
    void anotherContentTypeGets415() throws Exception {
        KamailioServer server = KAMAILIO.server();
        String reply = message(server, "sip:#1523016@sip.test:5060", "text/plain", "hello");
        assertThat(reply).as(reply).startsWith("SIP/2.0 415");
    }

    @Test
    void aMessageToAnOrdinaryUserIsStillChallenged() throws Exception {
        KamailioServer server = KAMAILIO.server();
        String reply = message(server, "sip:16505550101@sip.test", "text/plain", "hello");
        assertThat(reply).as(reply).startsWith("SIP/2.0 407");
    }

    private static String message(KamailioServer server, String ruri, String type, String body) throws Exception {
        int length = body.getBytes(StandardCharsets.UTF_8).length;
        try (RawSipConnection c = RawSipConnection.open(server, TransportKind.WSS)) {
            c.send("MESSAGE " + ruri + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:16505550100@sip.test>;tag=m1\r\n"
                    + "To: <" + ruri + ">\r\n"
                    + "Call-ID: " + UUID.randomUUID() + "\r\n"
                    + "CSeq: 1 MESSAGE\r\n"
                    + "Content-Type: " + type + "\r\n"
                    + "Content-Length: " + length + "\r\n\r\n" + body);
            String reply = c.receive();
            while (reply.startsWith("SIP/2.0 1")) {
                reply = c.receive();
            }
            return reply;
        }
    }
}
