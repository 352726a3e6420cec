package io.github.rcsoftphone.rc.provision;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the RingCentral REST API needs to provision a device: the server and the app's client credentials with the
 * user's JWT. {@link #toString()} never shows the secret or the JWT.
 *
 * @param server the API base, e.g. {@code https://platform.ringcentral.com} (http or https, no query or fragment)
 * @param clientId the app's client id
 * @param clientSecret the app's client secret
 * @param jwt the user's JWT credential
 */
public record RestCredentials(URI server, String clientId, String clientSecret, String jwt) {

    /** The environment variables read by {@link #fromEnv}. */
    public static final String SERVER_URL = "RINGCENTRAL_SERVER_URL";
    public static final String CLIENT_ID = "RINGCENTRAL_CLIENT_ID";
    public static final String CLIENT_SECRET = "RINGCENTRAL_CLIENT_SECRET";
    public static final String JWT_TOKEN = "RINGCENTRAL_JWT_TOKEN";

    public RestCredentials {
        Objects.requireNonNull(server, "server");
        requireText(clientId, "clientId");
        requireText(clientSecret, "clientSecret");
        requireText(jwt, "jwt");
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || server.getHost() == null
                || server.getRawQuery() != null || server.getRawFragment() != null || server.getRawUserInfo() != null) {
            throw new IllegalArgumentException("server URL '" + server
                    + "' must be http(s)://host[:port][/path] without user info, query or fragment");
        }
    }

    /**
     * Reads {@value #SERVER_URL}, {@value #CLIENT_ID}, {@value #CLIENT_SECRET} and {@value #JWT_TOKEN}.
     *
     * @return empty unless all four are set (non-blank)
     * @throws IllegalArgumentException naming {@value #SERVER_URL} when it is not a usable URL
     */
    public static Optional<RestCredentials> fromEnv(Map<String, String> env) {
        String server = value(env, SERVER_URL);
        String id = value(env, CLIENT_ID);
        String secret = value(env, CLIENT_SECRET);
        String jwt = value(env, JWT_TOKEN);
        if (server == null || id == null || secret == null || jwt == null) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(server);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(SERVER_URL + " '" + server + "' is not a URL: " + e.getReason(), e);
        }
        try {
            return Optional.of(new RestCredentials(uri, id, secret, jwt));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(SERVER_URL + ": " + e.getMessage(), e);
        }
    }

    /** {@code server} + {@code path}, with exactly one slash between them. */
    URI endpoint(String path) {
        String base = server.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + path);
    }

    /** Never shows the client secret or the JWT. */
    @Override
    public String toString() {
        return "RestCredentials[server=" + server + ", clientId=" + clientId + ", clientSecret=***, jwt=***]";
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }
}
