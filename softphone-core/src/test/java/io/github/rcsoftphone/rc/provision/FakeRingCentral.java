package io.github.rcsoftphone.rc.provision;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local RingCentral REST API on 127.0.0.1 that checks each request exactly as documented and answers with the
 * scripted status and body. A request that does not match gets 418 and is recorded in {@link #violations}.
 */
public final class FakeRingCentral implements AutoCloseable {
    public static final String CLIENT_ID = "app-client-id";
    public static final String CLIENT_SECRET = "app-secret-Zq9";
    /** A JWT-shaped credential with characters that need URL encoding. */
    public static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig+/=part";
    public static final String ACCESS_TOKEN = "U0pDMTFQMDFQQVMwMHxBQUJf-access";
    public static final String SIP_INFO = """
            {"sipInfo":[{"username":"16505550100","password":"sip-pass-1","authorizationId":"800123",
            "domain":"sip.ringcentral.com","outboundProxy":"sip123-1234.ringcentral.com:8083",
            "outboundProxyBackup":"sip124-1234.ringcentral.com:8083","transport":"WSS",
            "stunServers":["stun1.ringcentral.com:19302","stun2.ringcentral.com:19302"]}],
            "sipFlags":{"voipFeatureEnabled":true},"sipErrorCodes":["408","502","503","504"]}""";

    private final HttpServer server;
    public final List<String> requests = new CopyOnWriteArrayList<>();
    public final List<String> violations = new CopyOnWriteArrayList<>();
    private volatile int tokenStatus = 200;
    private volatile String tokenBody = "{\"access_token\":\"" + ACCESS_TOKEN
            + "\",\"token_type\":\"bearer\",\"expires_in\":3600,\"scope\":\"VoipCalling\"}";
    private volatile int provisionStatus = 200;
    private volatile String provisionBody = SIP_INFO;
    private volatile String expectedTransport = "WSS";

    public FakeRingCentral() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/restapi/oauth/token", this::token);
        server.createContext("/restapi/v1.0/client-info/sip-provision", this::provision);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public Map<String, String> env() {
        return Map.of("RINGCENTRAL_SERVER_URL", uri().toString(), "RINGCENTRAL_CLIENT_ID", CLIENT_ID,
                "RINGCENTRAL_CLIENT_SECRET", CLIENT_SECRET, "RINGCENTRAL_JWT_TOKEN", JWT);
    }

    public RestCredentials credentials() {
        return new RestCredentials(uri(), CLIENT_ID, CLIENT_SECRET, JWT);
    }

    public FakeRingCentral token(int status, String body) {
        tokenStatus = status;
        tokenBody = body;
        return this;
    }

    public FakeRingCentral provision(int status, String body) {
        provisionStatus = status;
        provisionBody = body;
        return this;
    }

    public FakeRingCentral expectTransport(String transport) {
        expectedTransport = transport;
        return this;
    }

    private void token(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add("token");
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer"
                + "&assertion=eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjMifQ.sig%2B%2F%3Dpart";
        check(ex, "/restapi/oauth/token", basic, "application/x-www-form-urlencoded", body, form);
        answer(ex, tokenStatus, tokenBody);
    }

    private void provision(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add("sip-provision");
        check(ex, "/restapi/v1.0/client-info/sip-provision", "Bearer " + ACCESS_TOKEN, "application/json", body,
                "{\"sipInfo\":[{\"transport\":\"" + expectedTransport + "\"}]}");
        answer(ex, provisionStatus, provisionBody);
    }

    private void check(HttpExchange ex, String path, String authorization, String contentType, String body,
            String expectedBody) {
        expect("method", "POST", ex.getRequestMethod());
        expect("path", path, ex.getRequestURI().toString());
        expect("Authorization", authorization, ex.getRequestHeaders().getFirst("Authorization"));
        expect("Content-Type", contentType, ex.getRequestHeaders().getFirst("Content-Type"));
        expect("Accept", "application/json", ex.getRequestHeaders().getFirst("Accept"));
        expect("body", expectedBody, body);
    }

    private void expect(String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            violations.add(what + ": expected <" + expected + "> but was <" + actual + ">");
        }
    }

    private void answer(HttpExchange ex, int status, String body) throws IOException {
        boolean ok = violations.isEmpty();
        byte[] bytes = (ok ? body : "{\"error\":\"request_mismatch\"}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        ex.sendResponseHeaders(ok ? status : 418, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
