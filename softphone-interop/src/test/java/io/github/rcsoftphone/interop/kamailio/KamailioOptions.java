package io.github.rcsoftphone.interop.kamailio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How a {@link KamailioServer} behaves: its SIP domain (also the digest realm), its subscribers, the registrar's
 * expiry bounds, the names in its TLS certificate and its ports. Build with {@link #builder()}; the defaults look
 * like RingCentral's WSS edge (60 s cap, auth id different from the SIP user).
 *
 * @param domain SIP domain and digest realm
 * @param users digest user name (authorization id) to the subscriber it authenticates
 * @param maxExpires the registrar's cap on the granted expiry, seconds
 * @param minExpires the registrar's lower bound, seconds
 * @param certificateHosts subject alternative names of the server certificate: IP literals become IP SANs, the rest
 *     DNS SANs
 * @param digestQop whether challenges offer {@code qop="auth"} (RingCentral sends no qop today)
 * @param host the address every listener binds (loopback)
 * @param ports listening ports
 * @param rtpengine the ng control socket of an rtpengine that rewrites every call's SDP like RingCentral's edge
 *     (e.g. {@code udp:127.0.0.1:2223}), or empty for none: SDP then passes unchanged
 * @param calleeCodecs the codecs rtpengine offers to a WebSocket callee
 */
public record KamailioOptions(String domain, Map<String, User> users, int maxExpires, int minExpires,
        List<String> certificateHosts, boolean digestQop, String host, Ports ports, String rtpengine,
        CalleeCodecs calleeCodecs) {

    /** The default subscriber's authorization id (the digest user name). */
    public static final String DEFAULT_AUTH_ID = "802398804016";
    /** The default subscriber's SIP user (From/To). */
    public static final String DEFAULT_SIP_USER = "16505550100";
    /** The default subscriber's password. */
    public static final String DEFAULT_PASSWORD = "Pa55-word.16";
    /** A second subscriber's authorization id (a browser phone that calls the first one). */
    public static final String SECOND_AUTH_ID = "802398804017";
    /** The second subscriber's SIP user. */
    public static final String SECOND_SIP_USER = "16505550101";
    /** The second subscriber's password. */
    public static final String SECOND_PASSWORD = "Pa55-word.17";

    /** What rtpengine offers a WebSocket callee (always plus telephone-event/8000), in this order. */
    public enum CalleeCodecs {
        /** Opus/48000/2 first, then PCMU: RingCentral's WSS offer. */
        OPUS_AND_PCMU("codec-mask-all codec-transcode-opus/48000/2 codec-transcode-PCMU"),
        /** Only Opus: forces an Opus call. */
        OPUS("codec-mask-all codec-transcode-opus/48000/2"),
        /** Only PCMU: forces a PCMU call. */
        PCMU("codec-mask-all codec-transcode-PCMU");

        private final String flags;

        CalleeCodecs(String flags) {
            this.flags = flags;
        }

        /** rtpengine offer flags. */
        public String flags() {
            return flags + " codec-transcode-telephone-event/8000";
        }
    }

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._+-]+");
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.:-]+");

    /**
     * A subscriber: the SIP user its auth id may register, and its password.
     *
     * @param sipUser the user part of From/To
     * @param password the digest password
     */
    public record User(String sipUser, String password) {
        public User {
            requireToken(sipUser, "sipUser");
            Objects.requireNonNull(password, "password");
            if (password.isEmpty() || password.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20)) {
                throw new IllegalArgumentException("password must be non-empty without quotes, backslashes or controls");
            }
        }
    }

    /**
     * A subscriber with its authorization id, as a test needs it.
     *
     * @param authId digest user name
     * @param sipUser SIP user
     * @param password digest password
     */
    public record Account(String authId, String sipUser, String password) {
    }

    /**
     * Listening ports on {@link #host()}.
     *
     * @param sip UDP and TCP
     * @param tls SIP over TLS
     * @param ws SIP over WebSocket
     * @param wss SIP over secure WebSocket
     */
    public record Ports(int sip, int tls, int ws, int wss) {
        /** 5060, 5061, 8080, 8443. */
        public static Ports defaults() {
            return new Ports(5060, 5061, 8080, 8443);
        }

        /** The four ports, in declaration order. */
        public List<Integer> all() {
            return List.of(sip, tls, ws, wss);
        }
    }

    public KamailioOptions {
        requireToken(domain, "domain");
        users = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(users));
        if (users.isEmpty()) {
            throw new IllegalArgumentException("at least one user is required");
        }
        users.keySet().forEach(k -> requireToken(k, "auth id"));
        if (minExpires < 1 || maxExpires < minExpires) {
            throw new IllegalArgumentException("need 1 <= minExpires <= maxExpires");
        }
        certificateHosts = List.copyOf(certificateHosts);
        if (certificateHosts.isEmpty() || !certificateHosts.stream().allMatch(h -> HOST.matcher(h).matches())) {
            throw new IllegalArgumentException("certificateHosts must be host names or IP literals: " + certificateHosts);
        }
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(ports, "ports");
        Objects.requireNonNull(rtpengine, "rtpengine");
        if (!rtpengine.isEmpty() && !rtpengine.matches("udp6?:[0-9A-Za-z.:\\[\\]-]+:[0-9]+")) {
            throw new IllegalArgumentException("rtpengine must look like udp:127.0.0.1:2223: " + rtpengine);
        }
        Objects.requireNonNull(calleeCodecs, "calleeCodecs");
    }

    /** Whether calls go through rtpengine. */
    public boolean mediaRelay() {
        return !rtpengine.isEmpty();
    }

    /** The defaults: two subscribers ({@link #DEFAULT_AUTH_ID}, {@link #SECOND_AUTH_ID}), no rtpengine. */
    public static KamailioOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.domain = domain;
        b.users = new LinkedHashMap<>(users);
        b.maxExpires = maxExpires;
        b.minExpires = minExpires;
        b.certificateHosts = new ArrayList<>(certificateHosts);
        b.digestQop = digestQop;
        b.host = host;
        b.ports = ports;
        b.rtpengine = rtpengine;
        b.calleeCodecs = calleeCodecs;
        return b;
    }

    /** The subscriber with the given authorization id. */
    public Account account(String authId) {
        User u = users.get(authId);
        if (u == null) {
            throw new IllegalArgumentException("no user with auth id " + authId);
        }
        return new Account(authId, u.sipUser(), u.password());
    }

    /** The default subscriber when present, else any one. */
    public Account account() {
        return account(users.containsKey(DEFAULT_AUTH_ID) ? DEFAULT_AUTH_ID : users.keySet().iterator().next());
    }

    private static void requireToken(String value, String what) {
        if (value == null || !TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must match " + TOKEN + ": " + value);
        }
    }

    /** Mutable builder of {@link KamailioOptions}. */
    public static final class Builder {
        private String domain = "sip.test";
        private Map<String, User> users = new LinkedHashMap<>();
        private int maxExpires = 60;
        private int minExpires = 1;
        private List<String> certificateHosts = new ArrayList<>(List.of("127.0.0.1", "localhost"));
        private boolean digestQop = true;
        private String host = "127.0.0.1";
        private Ports ports = Ports.defaults();
        private String rtpengine = "";
        private CalleeCodecs calleeCodecs = CalleeCodecs.OPUS_AND_PCMU;

        private Builder() {
            users.put(DEFAULT_AUTH_ID, new User(DEFAULT_SIP_USER, DEFAULT_PASSWORD));
            users.put(SECOND_AUTH_ID, new User(SECOND_SIP_USER, SECOND_PASSWORD));
        }

        public Builder domain(String domain) {
            this.domain = domain;
            return this;
        }

        /** Adds (or replaces) a subscriber. */
        public Builder user(String authId, String sipUser, String password) {
            users.put(authId, new User(sipUser, password));
            return this;
        }

        /** Replaces all subscribers. */
        public Builder users(Map<String, User> users) {
            this.users = new LinkedHashMap<>(users);
            return this;
        }

        public Builder maxExpires(int seconds) {
            this.maxExpires = seconds;
            return this;
        }

        public Builder minExpires(int seconds) {
            this.minExpires = seconds;
            return this;
        }

        /** The server certificate's subject alternative names (IP literals or DNS names). */
        public Builder certificateHosts(String... hosts) {
            this.certificateHosts = new ArrayList<>(List.of(hosts));
            return this;
        }

        public Builder digestQop(boolean qop) {
            this.digestQop = qop;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder ports(Ports ports) {
            this.ports = ports;
            return this;
        }

        /** Route every call's media through the rtpengine at this ng socket (e.g. {@code udp:127.0.0.1:2223}). */
        public Builder rtpengine(String ngSocket) {
            this.rtpengine = ngSocket;
            return this;
        }

        /** What rtpengine offers a WebSocket callee. */
        public Builder calleeCodecs(CalleeCodecs codecs) {
            this.calleeCodecs = codecs;
            return this;
        }

        public KamailioOptions build() {
            return new KamailioOptions(domain, users, maxExpires, minExpires, certificateHosts, digestQop, host, ports,
                    rtpengine, calleeCodecs);
        }
    }
}
