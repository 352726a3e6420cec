package io.github.rcsoftphone.edge;

import io.github.rcsoftphone.sip.message.NameAddr;
import io.github.rcsoftphone.sip.message.SipUri;
import io.github.rcsoftphone.sip.message.Via;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The edge's own addresses and its open connections: writes and recognises its Via and Record-Route entries, each
 * carrying a {@code flow} parameter with a connection id (see {@link Router}).
 */
final class EdgeSide {
    static final String FLOW = "flow";
    private static final String BRANCH_PREFIX = "z9hG4bK-edge";

    private final String host;
    private final String domain;
    private final Map<TransportKind, Integer> ports = new EnumMap<>(TransportKind.class);
    private final Map<Long, EdgeConnection> connections = new ConcurrentHashMap<>();

    EdgeSide(String host, String domain) {
        this.host = host;
        this.domain = domain;
    }

    void port(TransportKind kind, int port) {
        ports.put(kind, port);
    }

    int port(TransportKind kind) {
        Integer p = ports.get(kind);
        if (p == null) {
            throw new IllegalStateException("the edge is not listening on " + kind + " (not started?)");
        }
        return p;
    }

    String host() {
        return host;
    }

    String domain() {
        return domain;
    }

    Map<Long, EdgeConnection> connections() {
        return connections;
    }

    /** The edge's Via for a request forwarded over {@code target} that came in over {@code from}. */
    Via via(EdgeConnection target, EdgeConnection from, Via senderTop) {
        return Via.of(target.kind().viaName(), host, port(target.kind()), branch(from, senderTop))
                .withParam(FLOW, Long.toString(from.id()));
    }

    /** Deterministic: a CANCEL or ACK gets the branch of the INVITE it belongs to. */
    static String branch(EdgeConnection from, Via senderTop) {
        String theirs = senderTop.branch() == null ? "none" : senderTop.branch().replaceAll("[^A-Za-z0-9.!%*_+`'~-]", "");
        return BRANCH_PREFIX + from.id() + "." + theirs;
    }

    /** A Record-Route value naming the edge on {@code c}'s transport, with {@code c}'s flow. */
    String recordRoute(EdgeConnection c) {
        SipUri uri = new SipUri("sip", null, null, host, port(c.kind()), null, null)
                .withParam("transport", c.kind().uriParam()).withParam("lr", null)
                .withParam(FLOW, Long.toString(c.id()));
        return NameAddr.of(uri).toString();
    }

    /** The connection id in the edge's own Via, or null when the Via is not the edge's. */
    Long flowOf(Via via) {
        if (via.branch() == null || !via.branch().startsWith(BRANCH_PREFIX) || !isOwn(via.host(), via.port())) {
            return null;
        }
        return parseId(via.param(FLOW));
    }

    /** The connection id in one of the edge's Route entries, or null. */
    Long flowOf(String route) {
        NameAddr a = Router.address(route);
        return a == null || !isOwn(a.uri().host(), a.uri().port()) ? null : parseId(a.uri().param(FLOW));
    }

    /** How many of the first Route entries name the edge (with or without a flow). */
    int leadingOwnRoutes(List<String> routes) {
        int n = 0;
        for (String r : routes) {
            NameAddr a = Router.address(r);
            if (a == null || !isOwn(a.uri().host(), a.uri().port())) {
                break;
            }
            n++;
        }
        return n;
    }

    private boolean isOwn(String h, int port) {
        return host.equals(h) && ports.containsValue(port);
    }

    private static Long parseId(String value) {
        try {
            return value == null ? null : Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
