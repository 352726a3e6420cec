package io.github.rcsoftphone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.rc.provision.FakeRingCentral;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code RINGCENTRAL_*} instead of {@code SIP_INFO_*}: the CLI provisions over REST, then registers. */
class ProvisioningCommandTest {

    @TempDir
    Path dir;

    private FakeRingCentral rc;

    @BeforeEach
    void start() throws Exception {
        rc = new FakeRingCentral();
    }

    @AfterEach
    void stop() {
        rc.close();
    }

    private static final SipInfo PROVISIONED = new SipInfo("sip.ringcentral.com", "sip123-1234.ringcentral.com:8083",
            "16505550100", "sip-pass-1", "800123", TransportKind.WSS, "sip124-1234.ringcentral.com:8083",
            List.of("stun1.ringcentral.com:19302", "stun2.ringcentral.com:19302"));

    @Test
    void registersWithTheProvisionedSipInfo() {
        CliHarness cli = new CliHarness(rc.env(), dir, p -> p.registered(60));
        assertThat(cli.run("register", "--once")).isZero();
        assertThat(rc.violations).isEmpty();
        assertThat(rc.requests).containsExactly("token", "sip-provision");
        assertThat(cli.sipInfos).containsExactly(PROVISIONED);
        assertThat(cli.out()).startsWith("registered 16505550100 via WSS sip123-1234.ringcentral.com:8083");
        assertThat(cli.err()).isEmpty();
    }

    @Test
    void credentialsInDotEnvAndTheTlsTransportWork() throws Exception {
        rc.expectTransport("TLS").provision(200, """
                {"sipInfo":[{"username":"1650","password":"p","authorizationId":"77","domain":"sip.ringcentral.com",
                "outboundProxy":"sip10.ringcentral.com:5096","transport":"TLS"}]}""");
        StringBuilder dotEnv = new StringBuilder();
        rc.env().forEach((k, v) -> dotEnv.append(k).append("='").append(v).append("'\n"));
        Files.writeString(dir.resolve(".env"), dotEnv);
        CliHarness cli = new CliHarness(Map.of("SIP_INFO_TRANSPORT", "tls"), dir, p -> p.registered(180));
        assertThat(cli.run("register", "--once")).isZero();
        assertThat(rc.violations).isEmpty();
        assertThat(cli.sipInfos).extracting(SipInfo::transport, SipInfo::outboundProxy, SipInfo::authorizationId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(TransportKind.TLS, "sip10.ringcentral.com:5096",
                        "77"));
    }

    @Test
    void explicitSipInfoWinsAndNothingIsProvisioned() {
        Map<String, String> env = new HashMap<>(CliHarness.VALID_ENV);
        env.putAll(rc.env());
        CliHarness cli = new CliHarness(env, dir, p -> p.registered(60));
        assertThat(cli.run("register", "--once")).isZero();
        assertThat(rc.requests).isEmpty();
        assertThat(cli.sipInfos).extracting(SipInfo::outboundProxy).containsExactly("sip.example:8443");
    }

    @Test
    void aBadJwtExitsThreeWithOneLine() {
        rc.token(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid token\"}");
        CliHarness cli = new CliHarness(rc.env(), dir, p -> p.registered(60));
        assertThat(cli.run("register", "--once")).isEqualTo(3);
        assertThat(cli.err()).startsWith("softphone: provisioning failed: bad_credentials: token request")
                .contains("HTTP 400", "invalid_grant", "Invalid token").doesNotContain(FakeRingCentral.JWT)
                .doesNotContain(FakeRingCentral.CLIENT_SECRET).endsWith("\n");
        assertThat(cli.err().lines()).hasSize(1);
        assertThat(cli.out()).isEmpty();
        assertThat(cli.phones).as("no phone is built").isEmpty();
    }

    @Test
    void forbiddenExitsThreeAndAServerErrorExitsOne() {
        rc.provision(403, "{\"errorCode\":\"CMN-401\",\"message\":\"needs [VoipCalling] permission\"}");
        CliHarness cli = new CliHarness(rc.env(), dir, p -> p.registered(60));
        assertThat(cli.run("answer")).isEqualTo(3);
        assertThat(cli.err()).startsWith("softphone: provisioning failed: forbidden: sip-provision")
                .contains("CMN-401").doesNotContain(FakeRingCentral.ACCESS_TOKEN);
        rc.provision(200, "{\"sipInfo\":[]}");
        CliHarness again = new CliHarness(rc.env(), dir, p -> p.registered(60));
        assertThat(again.run("register", "--once")).isEqualTo(1);
        assertThat(again.err()).startsWith("softphone: provisioning failed: bad_response: ");
    }

    @Test
    void anUnreachableApiExitsFour() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Map<String, String> env = new HashMap<>(rc.env());
        env.put("RINGCENTRAL_SERVER_URL", "http://127.0.0.1:" + port);
        CliHarness cli = new CliHarness(env, dir, p -> p.registered(60));
        assertThat(cli.run("register", "--once")).isEqualTo(4);
        assertThat(cli.err()).startsWith("softphone: provisioning failed: unreachable: ");
    }

    @Test
    void aBadServerUrlIsAConfigurationError() {
        Map<String, String> env = new HashMap<>(rc.env());
        env.put("RINGCENTRAL_SERVER_URL", "platform.ringcentral.com");
        CliHarness cli = new CliHarness(env, dir, p -> p.registered(60));
        assertThat(cli.run("register", "--once")).isEqualTo(2);
        assertThat(cli.err()).startsWith("softphone: invalid configuration: RINGCENTRAL_SERVER_URL");
    }
}
