package io.github.rcsoftphone.register;

import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.sip.message.NameAddr;
import io.github.rcsoftphone.sip.message.SipParseException;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.message.SipUri;
import io.github.rcsoftphone.sip.transaction.SipChannel;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Builds a device's REGISTER requests the way RingCentral devices do: one Call-ID and From tag for the device's life,
 * increasing CSeq, a Contact with a random {@code .invalid} host on WebSocket transports (the socket's address on
 * TCP/TLS) and a stable {@code +sip.instance}. Used on the loop only.
 */
public final class RegisterRequests {
    private static final String ALLOW = "INVITE, ACK, CANCEL, BYE, OPTIONS, MESSAGE, INFO, REFER, NOTIFY";

    private final SipInfo sipInfo;
    private final UUID instanceId;
    private final String userAgent;
    private final RandomGenerator random;
    private final String callId;
    private final String fromTag;
    private final String wsHost;
    private final String wsUser;
    private long cseq;
    private TransportKind kind;
    private String viaHost;
    private String contactUri;

    public RegisterRequests(SipInfo sipInfo, UUID instanceId, String userAgent, RandomGenerator random) {
        this.sipInfo = sipInfo;
        this.instanceId = instanceId;
        this.userAgent = userAgent;
        this.random = random;
        this.callId = UUID.randomUUID().toString();
        this.fromTag = token(10);
        this.wsHost = token(12) + ".invalid";
        this.wsUser = token(10);
        this.cseq = 1 + random.nextInt(10_000);
    }

    /** Adapts Via and Contact to the connection (its transport and, for TCP/TLS, its local address). */
    public void bind(SipChannel channel) {
        kind = channel.kind();
        InetSocketAddress local = channel.localAddress();
        if (kind.websocket() || local == null) {
            viaHost = wsHost;
            contactUri = "sip:" + wsUser + "@" + wsHost + ";transport=" + (kind.websocket() ? "ws" : kind.uriParam());
        } else {
            String host = local.getAddress().getHostAddress();
            String hostPort = (host.contains(":") ? "[" + host + "]" : host) + ":" + local.getPort();
            viaHost = hostPort;
            contactUri = "sip:" + sipInfo.username() + "@" + hostPort + ";transport=" + kind.uriParam();
        }
    }

    /** The device's SIP info (domain and credentials for requests other than REGISTER). */
    public SipInfo sipInfo() {
        return sipInfo;
    }

    /** The Contact header value, without expiry. */
    public String contact() {
        return "<" + contactUri + ">;+sip.instance=\"<urn:uuid:" + instanceId + ">\"";
    }

    /** A Via value for a new request on the bound connection, with a fresh branch. */
    public String via() {
        return "SIP/2.0/" + kind.viaName() + " " + viaHost + ";branch=z9hG4bK" + token(12) + ";rport";
    }

    /** Our address of record: {@code sip:<username>@<domain>}. */
    public String addressOfRecord() {
        return "sip:" + sipInfo.username() + "@" + sipInfo.domain();
    }

    /** The Request-URI and digest uri: {@code sip:<domain>}. */
    public String registrarUri() {
        return "sip:" + sipInfo.domain();
    }

    /** A REGISTER for {@code expires} seconds, with an Authorization (or Proxy-Authorization) value when given. */
    public SipRequest register(int expires, String authorization, boolean proxyAuthorization) {
        String aor = "<sip:" + sipInfo.username() + "@" + sipInfo.domain() + ">";
        SipRequest.Builder b = SipRequest.builder("REGISTER", uri(registrarUri()))
                .header("Via", via())
                .header("Max-Forwards", "70")
                .header("From", aor + ";tag=" + fromTag)
                .header("To", aor)
                .header("Call-ID", callId)
                .header("CSeq", (cseq++) + " REGISTER")
                .header("Contact", contact() + ";expires=" + expires)
                .header("Expires", Integer.toString(expires));
        if (authorization != null) {
            b.header(proxyAuthorization ? "Proxy-Authorization" : "Authorization", authorization);
        }
        return b.header("Allow", ALLOW).header("User-Agent", userAgent).build();
    }

    /**
     * The expiry the registrar granted: the {@code expires} parameter of our Contact in the 200 (matched by URI or
     * instance id), else the Expires header, else what was asked.
     */
    public int grantedExpires(SipResponse ok, int asked) {
        String ours = uriKey(contactUri);
        for (String value : ok.headers().values("Contact")) {
            try {
                NameAddr c = NameAddr.parse(value.trim());
                String instance = c.params().get("+sip.instance");
                boolean mine = ours.equals(uriKey(c.uri().toString()))
                        || (instance != null && instance.contains(instanceId.toString()));
                String expires = c.params().get("expires");
                if (mine && expires != null) {
                    return Integer.parseInt(expires.trim());
                }
            } catch (SipParseException | RuntimeException e) {
                // a contact we cannot read is not ours
            }
        }
        return ok.header("Expires").map(e -> {
            try {
                return Integer.parseInt(e.trim());
            } catch (NumberFormatException x) {
                return asked;
            }
        }).orElse(asked);
    }

    /** Random lower-case hex of {@code bytes} bytes. */
    public String token(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String uriKey(String uri) {
        int semi = uri.indexOf(';');
        return (semi < 0 ? uri : uri.substring(0, semi)).toLowerCase(Locale.ROOT);
    }

    private static SipUri uri(String text) {
        try {
            return SipUri.parse(text);
        } catch (SipParseException e) {
            throw new IllegalArgumentException("bad URI " + text + ": " + e.getMessage(), e);
        }
    }
}
