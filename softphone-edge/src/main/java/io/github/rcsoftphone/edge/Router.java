package io.github.rcsoftphone.edge;

import io.github.rcsoftphone.rc.RcCommands;
import io.github.rcsoftphone.rc.RcMessage;
import io.github.rcsoftphone.rc.RcParseException;
import io.github.rcsoftphone.sip.auth.DigestVerifier;
import io.github.rcsoftphone.sip.message.Header;
import io.github.rcsoftphone.sip.message.NameAddr;
import io.github.rcsoftphone.sip.message.SipMessage;
import io.github.rcsoftphone.sip.message.SipParseException;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.message.SipUri;
import io.github.rcsoftphone.sip.message.Via;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes every message the edge receives. Requests: REGISTER to the {@link Registrar}; out-of-dialog requests from
 * subscribers are proxy-authenticated (407) and forwarded to the callee's binding over the callee's connection;
 * in-dialog requests follow the edge's own Route entries.
 *
 * <p><b>Flows.</b> Phones are reachable only over their own connections (WebSocket contacts have {@code .invalid}
 * hosts), so the edge encodes connections in what it writes (RFC 5626 style, no per-dialog state):
 * <ul>
 *   <li>its Via on every forwarded request carries {@code flow=<id of the connection the request came from>}, so a
 *       response goes back by popping that Via;</li>
 *   <li>an initial INVITE (and SUBSCRIBE, REFER) gets two Record-Routes, the callee-facing one on top, each with
 *       {@code flow=<connection id>} of its side; an in-dialog request carries them as Route in its sender's order,
 *       so the flow of the <em>last</em> of the edge's leading Route entries is the other side, in either direction.</li>
 * </ul>
 * The Via branch is derived from the connection and the sender's branch, so a CANCEL or a non-2xx ACK maps onto the
 * INVITE it belongs to; the only state is the open INVITE transactions ({@link ProxyInvites}).
 */
final class Router implements EdgeConnection.Handler {
    private static final Set<String> METHODS = Set.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER",
            "MESSAGE", "INFO", "UPDATE", "REFER", "NOTIFY", "SUBSCRIBE", "PRACK", "PUBLISH");
    private static final Set<String> AUTHENTICATED = Set.of("INVITE", "MESSAGE", "REFER", "SUBSCRIBE");
    private static final Set<String> RECORD_ROUTED = Set.of("INVITE", "SUBSCRIBE", "REFER");
    /** Phone commands after which the edge ends the ringing there: forward, voicemail, reject, reply. */
    private static final Set<Integer> ENDS_RINGING = Set.of(RcCommands.FORWARD, RcCommands.TO_VOICEMAIL,
            RcCommands.REJECT, RcCommands.REPLY);

    private final EdgeSide side;
    private final Accounts accounts;
    private final Registrar registrar;
    private final DigestVerifier verifier;
    private final Replies replies;
    private final ProxyInvites invites;
    private final AgentLog agentLog;
    private final ProxyObserver observer;
    private final AtomicLong callsRouted = new AtomicLong();

    Router(EdgeSide side, Accounts accounts, Registrar registrar, DigestVerifier verifier, Replies replies,
            AgentLog agentLog, ProxyObserver observer) {
        this.side = side;
        this.accounts = accounts;
        this.registrar = registrar;
        this.verifier = verifier;
        this.replies = replies;
        this.agentLog = agentLog;
        this.observer = observer;
        this.invites = new ProxyInvites();
    }

    long callsRouted() {
        return callsRouted.get();
    }

    @Override
    public void onMessage(EdgeConnection c, SipMessage message, long receivedNanos) {
        try {
            if (message instanceof SipResponse r) {
                response(c, r, receivedNanos);
            } else {
                request(c, (SipRequest) message);
            }
        } catch (RuntimeException e) { // a missing or malformed mandatory header
            EdgeConnection.LOG.info("{}: bad message: {}", c, e.getMessage());
            if (message instanceof SipRequest r && !message.headers().values("Via").isEmpty()) {
                try {
                    replies.send(c, r, 400, "Bad Request");
                } catch (RuntimeException again) {
                    EdgeConnection.LOG.debug("{}: cannot answer 400: {}", c, again.getMessage());
                }
            }
        }
    }

    @Override
    public void onClosed(EdgeConnection c) {
        side.connections().remove(c.id());
        registrar.connectionClosed(c);
        invites.connectionClosed(c);
    }

    private void request(EdgeConnection c, SipRequest r) {
        String method = r.method();
        r.cseq();
        r.callId();
        if (r.vias().isEmpty()) {
            EdgeConnection.LOG.info("{}: dropped a {} without Via", c, method);
            return;
        }
        if (!METHODS.contains(method)) {
            replies.send(c, r, 501, "Not Implemented");
            return;
        }
        int maxForwards = maxForwards(r);
        if (maxForwards <= 0 && !method.equals("REGISTER") && !method.equals("OPTIONS")) {
            replies.send(c, r, 483, "Too Many Hops");
            return;
        }
        List<String> routes = r.headers().values("Route");
        int ours = side.leadingOwnRoutes(routes);
        Long flow = ours == 0 ? null : side.flowOf(routes.get(ours - 1));
        if (flow != null) {
            inDialog(c, r, routes.subList(ours, routes.size()), flow, maxForwards);
            return;
        }
        switch (method) {
            case "REGISTER" -> registrar.register(c, r);
            case "CANCEL" -> invites.cancel(c, r, replies);
            case "ACK" -> invites.absorbAck(c, r);
            case "OPTIONS" -> replies.sendWith(c, r, 200, "OK", List.of("Allow", String.join(", ", METHODS)));
            default -> {
                if (r.to().tag() != null) {
                    inDialogWithoutRoute(c, r, maxForwards);
                } else if (method.equals("MESSAGE") && isAgentTarget(r.uri())) {
                    agent(c, r);
                } else {
                    outOfDialog(c, r, maxForwards);
                }
            }
        }
    }

    private static boolean isAgentTarget(SipUri uri) {
        return uri.user() != null && (uri.user().startsWith("#") || uri.user().startsWith("%23"));
    }

    private void agent(EdgeConnection c, SipRequest r) {
        if (!r.header("Content-Type").orElse("").strip().toLowerCase().startsWith("x-rc/agent")) {
            replies.send(c, r, 415, "Unsupported Media Type");
            return;
        }
        agentLog.add(new AgentMessage(r.from().uri().user(), r.uri().toString(), r.bodyText()));
        replies.send(c, r, 200, "OK");
        try {
            RcMessage command = RcMessage.parse(r.bodyText());
            if (ENDS_RINGING.contains(command.cmd()) && command.sid() != null) {
                boolean reject = command.cmd() == RcCommands.REJECT;
                invites.cancelSession(command.sid(), reject ? 603 : 480, reject ? "Decline" : "Temporarily Unavailable");
            }
        } catch (RcParseException e) {
            EdgeConnection.LOG.info("{}: unreadable x-rc/agent body: {}", c, e.getMessage());
        }
    }

    private void outOfDialog(EdgeConnection c, SipRequest r, int maxForwards) {
        if (AUTHENTICATED.contains(r.method()) && !proxyAuthenticated(c, r)) {
            return;
        }
        String user = r.uri().user();
        if (user == null) {
            replies.send(c, r, 484, "Address Incomplete");
            return;
        }
        LocalEdge.Account callee = accounts.byUsername(user);
        if (callee == null) {
            replies.send(c, r, 404, "Not Found");
            return;
        }
        Registrar.Registration binding = registrar.lookup(callee.username());
        if (binding == null) {
            replies.send(c, r, 480, "Temporarily Unavailable");
            return;
        }
        boolean invite = r.isMethod("INVITE");
        if (invite) {
            replies.send(c, r, 100, "Trying");
        }
        EdgeConnection target = binding.connection();
        List<String> extra = new ArrayList<>();
        if (RECORD_ROUTED.contains(r.method())) {
            extra.addAll(List.of("Record-Route", side.recordRoute(target), "Record-Route", side.recordRoute(c)));
        }
        if (invite && target.kind().websocket()) {
            extra.addAll(RcHeaders.forInvite(r.callId(), r.from(), callee.username(), side.domain()));
        }
        SipRequest forwarded = forward(c, r, binding.contact().uri(), List.of(), maxForwards, target, extra);
        if (invite) {
            invites.started(c, target, forwarded);
            callsRouted.incrementAndGet();
        }
        observer.forwarded(forwarded, System.nanoTime());
        if (!target.send(forwarded)) {
            invites.remove(forwarded);
            replies.send(c, r, 480, "Temporarily Unavailable");
        }
    }

    /** RingCentral answers calls from its subscribers with 407 first; true when the request may pass. */
    private boolean proxyAuthenticated(EdgeConnection c, SipRequest r) {
        LocalEdge.Account caller = accounts.byUsername(r.from().uri().user());
        if (caller == null) {
            replies.send(c, r, 403, "Forbidden");
            return false;
        }
        Optional<String> authorization = r.header("Proxy-Authorization");
        if (authorization.isEmpty()) {
            replies.challenge(c, r, 407, false);
            return false;
        }
        DigestVerifier.Result result = verifier.verify(authorization.get(), r.method(), accounts::password);
        switch (result.outcome()) {
            case OK -> {
                if (caller.authorizationId().equals(result.username())) {
                    return true;
                }
                replies.send(c, r, 403, "Forbidden");
            }
            case STALE -> replies.challenge(c, r, 407, true);
            case MALFORMED -> replies.send(c, r, 400, "Bad Proxy-Authorization");
            default -> replies.send(c, r, 403, "Forbidden");
        }
        return false;
    }

    private void inDialog(EdgeConnection c, SipRequest r, List<String> remainingRoutes, long flow, int maxForwards) {
        EdgeConnection target = side.connections().get(flow);
        if (target == null || !target.isOpen()) {
            Registrar.Registration byContact = registrar.byContact(r.uri());
            target = byContact == null ? null : byContact.connection();
        }
        if (target == null) {
            replies.send(c, r, 430, "Flow Failed");
            return;
        }
        SipRequest forwarded = forward(c, r, r.uri(), remainingRoutes, maxForwards, target, List.of());
        observer.forwarded(forwarded, System.nanoTime());
        if (!target.send(forwarded)) {
            replies.send(c, r, 430, "Flow Failed");
        }
    }

    /** A request with a To tag but without the edge's Route: route by the Request-URI's binding. */
    private void inDialogWithoutRoute(EdgeConnection c, SipRequest r, int maxForwards) {
        Registrar.Registration binding = registrar.byContact(r.uri());
        if (binding == null) {
            replies.send(c, r, 481, "Call/Transaction Does Not Exist");
            return;
        }
        EdgeConnection target = binding.connection();
        target.send(forward(c, r, r.uri(), r.headers().values("Route"), maxForwards, target, List.of()));
    }

    /**
     * {@code r} as sent on to {@code target}: the edge's Via on top (branch derived from the sender's, flow = the
     * sender's connection), {@code extra} headers (Record-Route first), Max-Forwards decremented, Route replaced by
     * {@code routes}, Proxy-Authorization consumed.
     */
    private SipRequest forward(EdgeConnection from, SipRequest r, SipUri uri, List<String> routes, int maxForwards,
            EdgeConnection target, List<String> extra) {
        SipRequest.Builder b = SipRequest.builder(r.method(), uri);
        b.header("Via", side.via(target, from, r.vias().get(0)).toString());
        for (int i = 0; i + 1 < extra.size(); i += 2) {
            b.header(extra.get(i), extra.get(i + 1));
        }
        for (String route : routes) {
            b.header("Route", route);
        }
        b.header("Max-Forwards", Integer.toString(Math.min(70, maxForwards) - 1));
        for (Header h : r.headers()) {
            String name = h.name();
            if (!isAny(name, "Route", "Max-Forwards", "Proxy-Authorization")) {
                b.header(name, h.value());
            }
        }
        return b.body(r.body()).build();
    }

    private void response(EdgeConnection c, SipResponse r, long receivedNanos) {
        List<Via> vias = r.vias();
        Long flow = vias.isEmpty() ? null : side.flowOf(vias.get(0));
        if (flow == null) {
            EdgeConnection.LOG.info("{}: dropped a {} response not sent through the edge", c, r.statusCode());
            return;
        }
        String method = r.cseq().method();
        if (method.equals("CANCEL") && invites.isOwnCancel(vias.get(0).branch()) || r.statusCode() == 100) {
            return; // the edge answered the caller's CANCEL itself; 100 is hop-by-hop
        }
        observer.received(r, receivedNanos);
        SipResponse relayed = r;
        if (method.equals("INVITE") && r.statusCode() >= 200) {
            relayed = invites.finalResponse(c, vias.get(0).branch(), r);
        }
        EdgeConnection target = side.connections().get(flow);
        if (target == null) {
            EdgeConnection.LOG.info("{}: dropped a {} response: connection #{} is gone", c, r.statusCode(), flow);
            return;
        }
        target.send(withoutTopVia(relayed));
    }

    private static SipResponse withoutTopVia(SipResponse r) {
        SipResponse.Builder b = SipResponse.builder(r.statusCode(), r.reasonPhrase());
        boolean popped = false;
        for (Header h : r.headers()) {
            if (!popped && isAny(h.name(), "Via", "v")) {
                popped = true;
                String[] parts = splitFirst(h.value());
                if (parts.length > 1) {
                    b.header(h.name(), parts[1]);
                }
                continue;
            }
            b.header(h.name(), h.value());
        }
        return b.body(r.body()).build();
    }

    /** Splits a Via line at its first top-level comma. */
    private static String[] splitFirst(String value) {
        int comma = value.indexOf(',');
        return comma < 0 ? new String[] {value} : new String[] {value.substring(0, comma), value.substring(comma + 1).strip()};
    }

    private static boolean isAny(String name, String... names) {
        for (String n : names) {
            if (n.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    private static int maxForwards(SipRequest r) {
        try {
            return r.header("Max-Forwards").map(v -> Integer.parseInt(v.strip())).orElse(70);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("bad Max-Forwards", e);
        }
    }

    /** A Contact or Route value parsed, or null. */
    static NameAddr address(String value) {
        try {
            return NameAddr.parse(value);
        } catch (SipParseException e) {
            return null;
        }
    }
}
