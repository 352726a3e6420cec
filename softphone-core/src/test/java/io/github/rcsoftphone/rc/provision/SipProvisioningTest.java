package io.github.rcsoftphone.rc.provision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.rc.provision.ProvisioningException.Kind;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Provisioning against a local server that checks every request exactly. */
class SipProvisioningTest {

    private FakeRingCentral rc;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SipProvisioning provisioning = new SipProvisioning(http, Duration.ofSeconds(5));
    private final List<Throwable> seen = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        rc = new FakeRingCentral();
    }

    @AfterEach
    void stop() {
        rc.close();
        for (Throwable t : seen) {
            assertThat(t.getMessage()).as("no secret in any message")
                    .doesNotContain(FakeRingCentral.CLIENT_SECRET, FakeRingCentral.JWT, FakeRingCentral.ACCESS_TOKEN,
                            "sip-pass-1");
        }
    }

    private ProvisioningException failure(TransportKind transport) {
        ProvisioningException e = catchThrowableOfType(() -> provisioning.provision(rc.credentials(), transport),
                ProvisioningException.class);
        assertThat(e).as("provisioning fails").isNotNull();
        seen.add(e);
        return e;
    }

    @Test
    void tokenThenSipProvisionMapsEveryField() throws Exception {
        SipInfo info = provisioning.provision(rc.credentials(), TransportKind.WSS);
        assertThat(rc.violations).isEmpty();
        assertThat(rc.requests).containsExactly("token", "sip-provision");
        assertThat(info).isEqualTo(new SipInfo("sip.ringcentral.com", "sip123-1234.ringcentral.com:8083",
                "16505550100", "sip-pass-1", "800123", TransportKind.WSS, "sip124-1234.ringcentral.com:8083",
                List.of("stun1.ringcentral.com:19302", "stun2.ringcentral.com:19302")));
        assertThat(info.toString()).doesNotContain("sip-pass-1");
    }

    @Test
    void tlsIsRequestedWithItsOwnTransport() throws Exception {
        rc.expectTransport("TLS").provision(200, """
                {"sipInfo":[{"username":"1650","password":"p","authorizationId":"","domain":"sip.ringcentral.com",
                "outboundProxy":"sip10.ringcentral.com:5096","transport":"TLS"}]}""");
        SipInfo info = provisioning.provision(rc.credentials(), TransportKind.TLS);
        assertThat(rc.violations).isEmpty();
        assertThat(info.transport()).isEqualTo(TransportKind.TLS);
        assertThat(info.authorizationId()).as("defaults to the user name").isEqualTo("1650");
        assertThat(info.outboundProxyBackup()).isNull();
        assertThat(info.stunServers()).isEmpty();
    }

    @Test
    void aTrailingSlashInTheServerUrlIsHarmless() throws Exception {
        RestCredentials creds = new RestCredentials(URI.create(rc.uri() + "/"), FakeRingCentral.CLIENT_ID,
                FakeRingCentral.CLIENT_SECRET, FakeRingCentral.JWT);
        provisioning.provision(creds, TransportKind.WSS);
        assertThat(rc.violations).isEmpty();
    }

    @Test
    void aRejectedJwtIsBadCredentialsWithTheServersDescription() {
        rc.token(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid token\"}");
        ProvisioningException e = failure(TransportKind.WSS);
        assertThat(e.kind()).isEqualTo(Kind.BAD_CREDENTIALS);
        assertThat(e.getMessage()).contains("token request", "HTTP 400", "invalid_grant", "Invalid token")
                .doesNotContain(FakeRingCentral.JWT);
        assertThat(rc.requests).containsExactly("token");
        assertThat(rc.violations).isEmpty();
    }

    @Test
    void aServerEchoingTheSecretsIsRedacted() {
        rc.token(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad " + FakeRingCentral.CLIENT_SECRET
                + " for " + FakeRingCentral.JWT + "\"}");
        ProvisioningException e = failure(TransportKind.WSS);
        assertThat(e.kind()).isEqualTo(Kind.BAD_CREDENTIALS);
        assertThat(e.getMessage()).contains("invalid_client", "bad *** for ***");
    }

    @ParameterizedTest
    @CsvSource({"403,FORBIDDEN", "401,BAD_CREDENTIALS", "503,SERVER_ERROR", "400,SERVER_ERROR"})
    void sipProvisionErrorsMapToKinds(int status, Kind kind) {
        rc.provision(status, "{\"errorCode\":\"CMN-401\",\"message\":\"In order to call this API endpoint, "
                + "application needs to have [VoipCalling] permission\"}");
        ProvisioningException e = failure(TransportKind.WSS);
        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.getMessage()).contains("sip-provision", "HTTP " + status, "CMN-401", "[VoipCalling] permission");
        assertThat(rc.violations).isEmpty();
    }

    @Test
    void aTokenServerErrorWithoutJsonIsServerError() {
        rc.token(502, "<html>Bad Gateway</html>");
        ProvisioningException e = failure(TransportKind.WSS);
        assertThat(e.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(e.getMessage()).contains("token request", "HTTP 502");
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RestCredentials creds = new RestCredentials(URI.create("http://127.0.0.1:" + port),
                FakeRingCentral.CLIENT_ID, FakeRingCentral.CLIENT_SECRET, FakeRingCentral.JWT);
        ProvisioningException e = catchThrowableOfType(() -> provisioning.provision(creds, TransportKind.WSS),
                ProvisioningException.class);
        seen.add(e);
        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("token request", "127.0.0.1:" + port);
    }

    @Test
    void malformedTokenJsonIsBadResponse() {
        rc.token(200, "{\"access_token\":");
        assertThat(failure(TransportKind.WSS).kind()).isEqualTo(Kind.BAD_RESPONSE);
        rc.token(200, "{\"token_type\":\"bearer\"}");
        ProvisioningException e = failure(TransportKind.WSS);
        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("access_token");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"sipInfo\":[]}|sipInfo",
        "{\"other\":1}|sipInfo",
        "[1,2]|not a JSON object",
        "{\"sipInfo\":[{\"password\":\"p\",\"domain\":\"d.example\",\"outboundProxy\":\"d.example:8083\"}]}|sipInfo[0].username",
        "{\"sipInfo\":[{\"username\":\"u\",\"domain\":\"d.example\",\"outboundProxy\":\"d.example:8083\"}]}|sipInfo[0].password",
        "{\"sipInfo\":[{\"username\":\"u\",\"password\":\"p\",\"outboundProxy\":\"d.example:8083\"}]}|sipInfo[0].domain",
        "{\"sipInfo\":[{\"username\":\"u\",\"password\":\"p\",\"domain\":\"d.example\"}]}|sipInfo[0].outboundProxy",
        "{\"sipInfo\":[{\"username\":\"u\",\"password\":\"p\",\"domain\":\"d.example:5060\",\"outboundProxy\":\"d.example:8083\"}]}|sipInfo[0].domain",
        "{\"sipInfo\":[{\"username\":\"u\",\"password\":\"p\",\"domain\":\"d.example\",\"outboundProxy\":\"d.example\"}]}|outboundProxy",
        "{\"sipInfo\":[{\"username\":7,\"password\":\"p\",\"domain\":\"d.example\",\"outboundProxy\":\"d.example:1\"}]}|sipInfo[0].username",
        "{\"sipInfo\":[{\"username\":\"u\",\"password\":\"p\",\"domain\":\"d.example\",\"outboundProxy\":\"d.example:1\",\"transport\":\"UDP\"}]}|sipInfo[0].transport",
        "{\"sipInfo\":[{\"username\":\"u\",\"password\":\"p\",\"domain\":\"d.example\",\"outboundProxy\":\"d.example:1\",\"stunServers\":\"s:1\"}]}|sipInfo[0].stunServers",
        "{\"sipInfo\":[{\"username\":\"u\",\"password\":\"p\",\"domain\":\"d.example\",\"outboundProxy\":\"d.example:1\",\"stunServers\":[\"nope\"]}]}|sipInfo[0].stunServers[0]",
        "{\"sipInfo\":[{\"username\":\"u\",\"password\":\"p\",\"domain\":\"d.example\",\"outboundProxy\":\"d.example:1\"|not a JSON object"})
    void badSipProvisionAnswersNameTheField(String body, String field) {
        rc.provision(200, body);
        ProvisioningException e = failure(TransportKind.WSS);
        assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
        assertThat(e.getMessage()).contains("sip-provision", field);
    }

    @Test
    void credentialsComeFromTheEnvironmentOnlyWhenAllFourAreSet() {
        RestCredentials c = RestCredentials.fromEnv(rc.env()).orElseThrow();
        assertThat(c).isEqualTo(rc.credentials());
        Map<String, String> three = new java.util.HashMap<>(rc.env());
        three.put("RINGCENTRAL_JWT_TOKEN", " ");
        assertThat(RestCredentials.fromEnv(three)).isEmpty();
        assertThat(RestCredentials.fromEnv(Map.of())).isEmpty();
        for (String bad : List.of("platform.ringcentral.com", "ftp://x.example", "https://x.example/?a=b", "http://[::")) {
            Map<String, String> env = new java.util.HashMap<>(rc.env());
            env.put("RINGCENTRAL_SERVER_URL", bad);
            assertThatThrownBy(() -> RestCredentials.fromEnv(env)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("RINGCENTRAL_SERVER_URL").hasMessageNotContaining(FakeRingCentral.JWT)
                    .hasMessageNotContaining(FakeRingCentral.CLIENT_SECRET);
        }
    }

    @Test
    void toStringNeverShowsTheSecretOrTheJwt() {
        assertThat(rc.credentials().toString()).contains(FakeRingCentral.CLIENT_ID, rc.uri().toString())
                .doesNotContain(FakeRingCentral.CLIENT_SECRET, FakeRingCentral.JWT);
    }
}
