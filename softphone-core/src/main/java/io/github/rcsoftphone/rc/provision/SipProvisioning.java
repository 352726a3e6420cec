package io.github.rcsoftphone.rc.provision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.rc.provision.ProvisioningException.Kind;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Provisions a device over the RingCentral REST API: {@code POST /restapi/oauth/token} with the JWT bearer grant,
 * then {@code POST /restapi/v1.0/client-info/sip-provision} for one transport. Stateless: one instance may serve
 * many calls; the {@link HttpClient} belongs to the caller.
 */
public final class SipProvisioning {

    static final String TOKEN_PATH = "/restapi/oauth/token";
    static final String PROVISION_PATH = "/restapi/v1.0/client-info/sip-provision";
    static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
    static final String USER_AGENT = "ringcentral-softphone-java";
    private static final int MAX_DETAIL = 300;

    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param http the client to send with (owned by the caller)
     * @param timeout how long each request may take before the server counts as unreachable
     */
    public SipProvisioning(HttpClient http, Duration timeout) {
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /**
     * Obtains a token for {@code creds} and the device's SIP info for {@code transport}.
     *
     * @throws ProvisioningException saying which step failed and why
     */
    public SipInfo provision(RestCredentials creds, TransportKind transport) throws ProvisioningException {
        Objects.requireNonNull(creds, "creds");
        Objects.requireNonNull(transport, "transport");
        Redactor redact = new Redactor(List.of(creds.clientSecret(), creds.jwt()));
        String token = token(creds, redact);
        return sipInfo(creds, transport, token, redact.with(token));
    }

    private String token(RestCredentials creds, Redactor redact) throws ProvisioningException {
        String basic = Base64.getEncoder().encodeToString(
                (creds.clientId() + ":" + creds.clientSecret()).getBytes(StandardCharsets.UTF_8));
        String form = "grant_type=" + URLEncoder.encode(JWT_GRANT, StandardCharsets.UTF_8)
                + "&assertion=" + URLEncoder.encode(creds.jwt(), StandardCharsets.UTF_8);
        HttpRequest request = request(creds, TOKEN_PATH)
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build();
        JsonNode body = send(request, "token request", redact, true);
        JsonNode token = body.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw new ProvisioningException(Kind.BAD_RESPONSE,
                    "token request to " + creds.endpoint(TOKEN_PATH) + ": the answer has no access_token");
        }
        return token.asText();
    }

    private SipInfo sipInfo(RestCredentials creds, TransportKind transport, String token, Redactor redact)
            throws ProvisioningException {
        ObjectNode body = json.createObjectNode();
        body.putArray("sipInfo").addObject().put("transport", transport.name());
        HttpRequest request = request(creds, PROVISION_PATH)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        JsonNode answer = send(request, "sip-provision", redact, false);
        JsonNode list = answer.get("sipInfo");
        if (list == null || !list.isArray() || list.isEmpty() || !list.get(0).isObject()) {
            throw badField("sipInfo", "is missing or not a non-empty array of objects");
        }
        JsonNode info = list.get(0);
        String domain = text(info, "domain", true);
        if (domain.contains(":")) {
            throw badField("sipInfo[0].domain", "'" + domain + "' must not carry a port (it is the digest realm)");
        }
        String proxy = text(info, "outboundProxy", true);
        String username = text(info, "username", true);
        String password = text(info, "password", true);
        String authorizationId = text(info, "authorizationId", false);
        String backup = text(info, "outboundProxyBackup", false);
        String kind = text(info, "transport", false);
        TransportKind actual = transport;
        if (kind != null) {
            try {
                actual = TransportKind.parse(kind);
            } catch (IllegalArgumentException e) {
                throw badField("sipInfo[0].transport", "'" + kind + "' is not a supported transport");
            }
        }
        List<String> stun = stunServers(info.get("stunServers"));
        try {
            return new SipInfo(domain, proxy, username, password, authorizationId, actual, backup, stun);
        } catch (IllegalArgumentException e) {
            throw badField("sipInfo[0]", redact.apply(e.getMessage()).replace(password, "***"));
        }
    }

    private static List<String> stunServers(JsonNode node) throws ProvisioningException {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw badField("sipInfo[0].stunServers", "is not an array");
        }
        List<String> servers = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode s = node.get(i);
            if (!s.isTextual() || s.asText().isBlank()) {
                throw badField("sipInfo[0].stunServers[" + i + "]", "is not a host:port string");
            }
            try {
                servers.add(SipInfo.HostPort.parse(s.asText(), "stun server").toString());
            } catch (IllegalArgumentException e) {
                throw badField("sipInfo[0].stunServers[" + i + "]", e.getMessage());
            }
        }
        return servers;
    }

    private static String text(JsonNode info, String field, boolean required) throws ProvisioningException {
        JsonNode v = info.get(field);
        if (v == null || v.isNull() || v.isTextual() && v.asText().isBlank()) {
            if (required) {
                throw badField("sipInfo[0]." + field, "is missing");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw badField("sipInfo[0]." + field, "is not a string");
        }
        return v.asText().trim();
    }

    private static ProvisioningException badField(String field, String problem) {
        return new ProvisioningException(Kind.BAD_RESPONSE, "sip-provision answer: " + field + " " + problem);
    }

    private HttpRequest.Builder request(RestCredentials creds, String path) {
        return HttpRequest.newBuilder(creds.endpoint(path)).timeout(timeout)
                .header("Accept", "application/json").header("User-Agent", USER_AGENT);
    }

    /** Sends {@code request}; returns its JSON object body on 2xx, throws the matching failure otherwise. */
    private JsonNode send(HttpRequest request, String step, Redactor redact, boolean tokenStep)
            throws ProvisioningException {
        String where = step + " to " + request.uri();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ProvisioningException(Kind.UNREACHABLE, where + " failed: "
                    + redact.apply(e.getMessage() == null ? e.getClass().getSimpleName()
                            : e.getClass().getSimpleName() + ": " + e.getMessage()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(Kind.UNREACHABLE, where + " was interrupted");
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status / 100 != 2) {
            Kind kind = status == 403 ? Kind.FORBIDDEN
                    : status == 401 || tokenStep && status == 400 ? Kind.BAD_CREDENTIALS
                    : Kind.SERVER_ERROR;
            throw new ProvisioningException(kind, where + " failed: HTTP " + status + errorFields(body, redact));
        }
        if (body == null || !body.isObject()) {
            throw new ProvisioningException(Kind.BAD_RESPONSE, where + ": HTTP " + status + " but the body is not a "
                    + "JSON object");
        }
        return body;
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The server's {@code error}, {@code error_description}, {@code errorCode} and {@code message}, redacted. */
    private static String errorFields(JsonNode body, Redactor redact) {
        if (body == null || !body.isObject()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (String field : List.of("error", "errorCode", "error_description", "message")) {
            JsonNode v = body.get(field);
            if (v != null && v.isValueNode() && !v.asText().isBlank()) {
                sb.append(": ").append(v.asText());
            }
        }
        String detail = redact.apply(sb.toString().replaceAll("[\\r\\n\\t]+", " "));
        return detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL) + "..." : detail;
    }

    /** Replaces every occurrence of a secret by {@code ***}, in case a server echoes one back. */
    private record Redactor(List<String> secrets) {
        Redactor with(String secret) {
            List<String> all = new ArrayList<>(secrets);
            all.add(secret);
            return new Redactor(List.copyOf(all));
        }

        String apply(String text) {
            String t = text == null ? "" : text;
            for (String s : secrets) {
                if (s != null && !s.isEmpty()) {
                    t = t.replace(s, "***");
                }
            }
            return t;
        }
    }
}
