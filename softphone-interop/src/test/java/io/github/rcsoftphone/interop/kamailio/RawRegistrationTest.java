package io.github.rcsoftphone.interop.kamailio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.interop.kamailio.KamailioOptions.Account;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checks the harness's behaviour that {@code RegistrationInteropTest} relies on, with a hand-written REGISTER (no
 * project code) over WS, WSS and TLS: a WebRTC-style {@code .invalid} contact is stored and visible to
 * {@link KamailioServer#contacts}, the cap is granted, a second contact replaces the first (one per AoR), and
 * {@code Expires: 0} removes the binding.
 */
class RawRegistrationTest {

    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"?([^\",]*)\"?");

    @RegisterExtension
    static final KamailioExtension KAMAILIO = new KamailioExtension(KamailioOptions.defaults());

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TransportKind.class, names = {"WS", "WSS", "TLS"})
    void bindingIsStoredReplacedAndRemoved(TransportKind kind) throws Exception {
        KamailioServer server = KAMAILIO.server();
        Account a = server.options().account();
        try (RawSipConnection c = RawSipConnection.open(server, kind)) {
            String first = register(c, server, a, kind, "first", 600, 1);
            assertThat(first).as(first).startsWith("SIP/2.0 200").contains("expires=" + server.options().maxExpires());
            assertThat(server.contacts(a.sipUser())).as(server.describe()).singleElement().asString()
                    .contains("first@");

            String second = register(c, server, a, kind, "second", 600, 3);
            assertThat(second).as(second).startsWith("SIP/2.0 200");
            assertThat(server.contacts(a.sipUser())).as("one contact per AoR").singleElement().asString()
                    .contains("second@");

            String removed = register(c, server, a, kind, "second", 0, 5);
            assertThat(removed).as(removed).startsWith("SIP/2.0 200");
            assertThat(server.contacts(a.sipUser())).isEmpty();
        }
    }

    /** REGISTER, answering one challenge; returns the final response. */
    private static String register(RawSipConnection c, KamailioServer server, Account a, TransportKind kind,
            String contactUser, int expires, int cseq) throws Exception {
        String callId = "raw-" + kind + "@test";
        String contactHost = kind.websocket() ? "df7jal23ls0d.invalid" : "127.0.0.1:5999";
        String transport = kind.websocket() ? "ws" : kind.uriParam();
        String base = "REGISTER sip:" + server.domain() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/" + kind.viaName() + " " + contactHost + ";branch=z9hG4bK" + UUID.randomUUID() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + a.sipUser() + "@" + server.domain() + ">;tag=raw" + cseq + "\r\n"
                + "To: <sip:" + a.sipUser() + "@" + server.domain() + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "Contact: <sip:" + contactUser + "@" + contactHost + ";transport=" + transport + ">"
                + ";+sip.instance=\"<urn:uuid:" + UUID.nameUUIDFromBytes(a.authId().getBytes(StandardCharsets.UTF_8))
                + ">\"\r\n"
                + "Expires: " + expires + "\r\n";
        c.send(base + "CSeq: " + cseq + " REGISTER\r\n"
                + "Content-Length: 0\r\n\r\n");
        String challenge = c.receive();
        if (!challenge.startsWith("SIP/2.0 401")) {
            return challenge;
        }
        String authorization = authorization(challenge, a, "sip:" + server.domain());
        c.send(base.replace("branch=z9hG4bK", "branch=z9hG4bK2") + "CSeq: " + (cseq + 1) + " REGISTER\r\n"
                + authorization + "Content-Length: 0\r\n\r\n");
        return c.receive();
    }

    private static String authorization(String challenge, Account a, String uri) throws Exception {
        String header = challenge.lines().filter(l -> l.regionMatches(true, 0, "WWW-Authenticate:", 0, 17))
                .findFirst().orElseThrow();
        java.util.Map<String, String> p = new java.util.HashMap<>();
        Matcher m = PARAM.matcher(header.substring(header.indexOf("Digest") + 6));
        while (m.find()) {
            p.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
        }
        String realm = p.get("realm");
        String nonce = p.get("nonce");
        String ha1 = md5(a.authId() + ":" + realm + ":" + a.password());
        String ha2 = md5("REGISTER:" + uri);
        String value = "Digest username=\"" + a.authId() + "\", realm=\"" + realm + "\", nonce=\"" + nonce
                + "\", uri=\"" + uri + "\", algorithm=MD5";
        if (p.containsKey("qop")) {
            String cnonce = Long.toHexString(System.nanoTime());
            value += ", qop=auth, nc=00000001, cnonce=\"" + cnonce + "\", response=\""
                    + md5(ha1 + ":" + nonce + ":00000001:" + cnonce + ":auth:" + ha2) + "\"";
        } else {
            value += ", response=\"" + md5(ha1 + ":" + nonce + ":" + ha2) + "\"";
        }
        return "Authorization: " + value + "\r\n";
    }

    private static String md5(String s) throws Exception {
        byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, d));
    }
}
