package io.github.rcsoftphone;

import io.github.rcsoftphone.sip.transport.TransportKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a RingCentral device needs to register: the fields of the REST {@code sipInfo} object.
 *
 * @param domain SIP domain and digest realm, without a port (e.g. {@code sip.ringcentral.com})
 * @param outboundProxy {@code host:port} of the SIP edge
 * @param username the SIP user (a phone number on RingCentral), used in From/To
 * @param password the SIP password
 * @param authorizationId the digest user name
 * @param transport how to reach the edge
 * @param outboundProxyBackup optional {@code host:port} used when the main proxy fails (may be null)
 * @param stunServers {@code host:port} STUN servers for ICE (may be empty)
 */
public record SipInfo(String domain, String outboundProxy, String username, String password, String authorizationId,
        TransportKind transport, String outboundProxyBackup, List<String> stunServers) {

    public SipInfo {
        require(domain, "domain");
        require(outboundProxy, "outboundProxy");
        require(username, "username");
        Objects.requireNonNull(password, "password");
        if (authorizationId == null || authorizationId.isBlank()) {
            authorizationId = username;
        }
        Objects.requireNonNull(transport, "transport");
        if (domain.contains(":")) {
            throw new IllegalArgumentException("domain '" + domain + "' must not carry a port: it is the digest realm");
        }
        HostPort.parse(outboundProxy, "outboundProxy");
        if (outboundProxyBackup != null && outboundProxyBackup.isBlank()) {
            outboundProxyBackup = null;
        }
        if (outboundProxyBackup != null) {
            HostPort.parse(outboundProxyBackup, "outboundProxyBackup");
        }
        stunServers = stunServers == null ? List.of() : List.copyOf(stunServers);
    }

    /** A WSS device with no backup proxy and no STUN servers. */
    public SipInfo(String domain, String outboundProxy, String username, String password, String authorizationId,
            TransportKind transport) {
        this(domain, outboundProxy, username, password, authorizationId, transport, null, List.of());
    }

    /** The proxy's host and port. */
    public HostPort proxy() {
        return HostPort.parse(outboundProxy, "outboundProxy");
    }

    /** The backup proxy's host and port, when the device has one. */
    public Optional<HostPort> backupProxy() {
        return Optional.ofNullable(outboundProxyBackup).map(b -> HostPort.parse(b, "outboundProxyBackup"));
    }

    /**
     * Reads {@code SIP_INFO_DOMAIN}, {@code SIP_INFO_OUTBOUND_PROXY}, {@code SIP_INFO_USERNAME},
     * {@code SIP_INFO_PASSWORD}, {@code SIP_INFO_AUTHORIZATION_ID}, {@code SIP_INFO_TRANSPORT} (default WSS) and
     * {@code SIP_INFO_OUTBOUND_PROXY_BACKUP} (optional).
     *
     * @throws IllegalArgumentException naming every missing variable
     */
    public static SipInfo fromEnv(Map<String, String> env) {
        List<String> missing = new ArrayList<>();
        for (String name : List.of("SIP_INFO_DOMAIN", "SIP_INFO_OUTBOUND_PROXY", "SIP_INFO_USERNAME", "SIP_INFO_PASSWORD")) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("missing configuration: " + String.join(", ", missing));
        }
        String transport = env.getOrDefault("SIP_INFO_TRANSPORT", "WSS");
        return new SipInfo(env.get("SIP_INFO_DOMAIN").trim(), env.get("SIP_INFO_OUTBOUND_PROXY").trim(),
                env.get("SIP_INFO_USERNAME").trim(), env.get("SIP_INFO_PASSWORD"),
                env.getOrDefault("SIP_INFO_AUTHORIZATION_ID", "").trim(),
                TransportKind.parse(transport.isBlank() ? "WSS" : transport), env.get("SIP_INFO_OUTBOUND_PROXY_BACKUP"),
                List.of());
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "SipInfo[domain=" + domain + ", outboundProxy=" + outboundProxy + ", username=" + username
                + ", authorizationId=" + authorizationId + ", transport=" + transport + ", password=***]";
    }

    private static void require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    /** A {@code host:port} pair; IPv6 hosts in brackets. */
    public record HostPort(String host, int port) {
        public static HostPort parse(String text, String what) {
            String t = text.trim();
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || colon == t.length() - 1 || (t.startsWith("[") && !t.substring(0, colon).endsWith("]"))) {
                throw new IllegalArgumentException(what + " '" + text + "' must be host:port");
            }
            String host = t.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            try {
                int port = Integer.parseInt(t.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return new HostPort(host, port);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " '" + text + "' has no valid port", e);
            }
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
