package io.github.rcsoftphone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.media.secure.DtlsIdentity;
import io.github.rcsoftphone.media.secure.DtlsRole;
import io.github.rcsoftphone.media.secure.DtlsSrtpSession;
import io.github.rcsoftphone.media.secure.SdesKeys;
import io.github.rcsoftphone.media.secure.SrtpKeys;
import io.github.rcsoftphone.rc.RcMessage;
import io.github.rcsoftphone.rc.RcParseException;
import io.github.rcsoftphone.sip.transport.LocalPki;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import io.github.rcsoftphone.sip.transport.TransportKind;
import io.github.rcsoftphone.testing.TestStreamServer;
import io.github.rcsoftphone.testing.TestWebSocketServer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.UDPTransport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secure by default: a softphone built without TLS settings verifies the certificate and the host name over TLS
 * and WSS (a certificate for another host, or from a CA it was not given, fails registration with reason TLS and a
 * clear message); the P-rc XML parser neither reads local files (XXE) nor expands entities (billion laughs); every
 * DTLS association and every SDES offer has its own random SRTP keys.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecurityDefaultsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private SoftphoneException registrationFailure(TransportKind kind, int port, TlsSettings tls) throws Exception {
        SipInfo info = new SipInfo("sip.test", "127.0.0.1:" + port, "16505550100", "pw", "802398804016", kind);
        Softphone.Builder b = Softphone.builder().sipInfo(info);
        if (tls != null) {
            b.tls(tls);
        }
        try (Softphone phone = b.build()) {
            assertThat(phone.config().tls().insecure()).isFalse();
            Throwable thrown = catchThrowable(() -> phone.register().get(WAIT.toSeconds(), TimeUnit.SECONDS));
            assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(SoftphoneException.class);
            return (SoftphoneException) thrown.getCause();
        }
    }

    @Test
    void theDefaultsVerifyCertificateAndHostNameOverTlsAndWss() throws Exception {
        assertThat(Softphone.builder().sipInfo(new SipInfo("d", "h:1", "u", "p", "a", TransportKind.TLS)).build()
                .config().tls()).isEqualTo(TlsSettings.defaults());
        LocalPki pki = LocalPki.create(dir);
        LocalPki.Issued otherHost = pki.issue("other.test");
        LocalPki.Issued loopback = pki.issue("localhost", "127.0.0.1");
        try (TestStreamServer tls = TestStreamServer.tls(otherHost.serverContext());
             TestWebSocketServer wss = TestWebSocketServer.start(otherHost.serverContext(), "sip", 0)) {
            for (int port : List.of(tls.port(), wss.port())) {
                TransportKind kind = port == tls.port() ? TransportKind.TLS : TransportKind.WSS;
                SoftphoneException wrongHost = registrationFailure(kind, port, TlsSettings.trusting(pki.caPem()));
                assertThat(wrongHost.reason()).as(kind.name()).isEqualTo(FailureReason.TLS);
                assertThat(wrongHost).hasMessageContaining("certificate for other.test does not match 127.0.0.1");
            }
        }
        try (TestStreamServer tls = TestStreamServer.tls(loopback.serverContext());
             TestWebSocketServer wss = TestWebSocketServer.start(loopback.serverContext(), "sip", 0)) {
            for (int port : List.of(tls.port(), wss.port())) {
                TransportKind kind = port == tls.port() ? TransportKind.TLS : TransportKind.WSS;
                SoftphoneException untrusted = registrationFailure(kind, port, null);   // its CA not given
                assertThat(untrusted.reason()).as(kind.name()).isEqualTo(FailureReason.TLS);
                assertThat(untrusted).hasMessageContaining("untrusted certificate for 127.0.0.1");
            }
        }
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("softphone-")));
    }

    @Test
    void thePrcXmlParserReadsNoFileAndExpandsNoEntity() throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-FILE-CONTENT-4711");
        List<String> attacks = List.of(
                "<?xml version=\"1.0\"?><!DOCTYPE Msg [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                        + "<Msg><Hdr Cmd=\"6\"/><Bdy Nm=\"&xxe;\"/></Msg>",
                "<!DOCTYPE Msg [<!ENTITY % p SYSTEM \"" + secret.toUri() + "\"> %p;]><Msg><Hdr/></Msg>",
                billionLaughs());
        for (String xml : attacks) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> RcMessage.parse(xml)).isInstanceOf(RcParseException.class)
                    .hasMessageContaining("DOCTYPE").satisfies(e -> {
                        for (Throwable t = e; t != null; t = t.getCause()) {
                            assertThat(String.valueOf(t.getMessage())).doesNotContain("TOP-SECRET");
                        }
                    });
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms to refuse").isLessThan(1000);
        }
    }

    /** Ten levels of ten references each: 10^10 "lol"s if expanded. */
    private static String billionLaughs() {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE Msg [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 10; i++) {
            b.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return b.append("]><Msg><Hdr Nm=\"&lol10;\"/></Msg>").toString();
    }

    @Test
    void everyDtlsAssociationAndEverySdesOfferHasItsOwnKeys() throws Exception {
        DtlsIdentity a = DtlsIdentity.generate();
        DtlsIdentity b = DtlsIdentity.generate();
        SrtpKeys first = handshake(a, b);
        SrtpKeys second = handshake(a, b);   // same identities, a second call
        assertThat(second.localKey()).isNotEqualTo(first.localKey());
        assertThat(second.localSalt()).isNotEqualTo(first.localSalt());
        assertThat(second.remoteKey()).isNotEqualTo(first.remoteKey());
        assertThat(first.localKey()).isNotEqualTo(first.remoteKey());
        assertThat(first.toString()).doesNotContain(java.util.HexFormat.of().formatHex(first.localKey()));

        List<SdesKeys.CryptoOffer> one = SdesKeys.offer();
        List<SdesKeys.CryptoOffer> two = SdesKeys.offer();
        for (int i = 0; i < one.size(); i++) {
            assertThat(two.get(i).keySalt()).isNotEqualTo(one.get(i).keySalt());
            for (int j = 0; j < one.size(); j++) {
                assertThat(i == j || !java.util.Arrays.equals(one.get(i).keySalt(), one.get(j).keySalt())).isTrue();
            }
        }
    }

    /** A DTLS-SRTP handshake between a (client) and b (server) on loopback; a's keys, checked against b's. */
    private static SrtpKeys handshake(DtlsIdentity a, DtlsIdentity b) throws Exception {
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.connect(server.getLocalSocketAddress());
            server.connect(client.getLocalSocketAddress());
            CompletableFuture<DtlsSrtpSession> serverSide = CompletableFuture.supplyAsync(() -> {
                try {
                    return DtlsSrtpSession.handshake(DtlsRole.SERVER, b, "sha-256", a.fingerprint(),
                            new UDPTransport(server, 1500), WAIT);
                } catch (Exception e) {
                    throw new java.util.concurrent.CompletionException(e);
                }
            });
            try (DtlsSrtpSession c = DtlsSrtpSession.handshake(DtlsRole.CLIENT, a, "sha-256", b.fingerprint(),
                    new UDPTransport(client, 1500), WAIT);
                 DtlsSrtpSession s = serverSide.get(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                assertThat(s.keys().remoteKey()).isEqualTo(c.keys().localKey());
                assertThat(s.keys().localSalt()).isEqualTo(c.keys().remoteSalt());
                return c.keys();
            }
        }
    }
}
