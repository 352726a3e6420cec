package io.github.rcsoftphone.edge;

import io.github.rcsoftphone.sip.auth.DigestVerifier;
import io.github.rcsoftphone.sip.message.NameAddr;
import io.github.rcsoftphone.sip.message.SipParseException;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipUri;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * REGISTER handling and the location table: digest challenge (401), 403 for a wrong password or an authorization
 * id that does not own the number, one contact per number (a new REGISTER replaces the old binding), expiry capped
 * at 60 s on WS/WSS and 3600 s on TCP/TLS, {@code Expires: 0} removes the binding (only the same contact's), and
 * bindings die with their connection. Expired bindings are dropped when looked at. Thread-safe.
 */
final class Registrar {
    private static final int WS_MAX_EXPIRES = 60;
    private static final int STREAM_MAX_EXPIRES = 3600;

    /** One binding: the phone's contact and the connection it is reachable over. */
    record Registration(String username, NameAddr contact, EdgeConnection connection, long expiresAtNanos) {
        boolean live() {
            return connection.isOpen() && System.nanoTime() - expiresAtNanos < 0;
        }

        LocalEdge.Binding binding() {
            return new LocalEdge.Binding(username, contact.toString(), connection.kind());
        }
    }

    private final Accounts accounts;
    private final DigestVerifier verifier;
    private final Replies replies;
    private final Map<String, Registration> bindings = new ConcurrentHashMap<>();

    Registrar(Accounts accounts, DigestVerifier verifier, Replies replies) {
        this.accounts = accounts;
        this.verifier = verifier;
        this.replies = replies;
    }

    void register(EdgeConnection c, SipRequest request) {
        Optional<String> authorization = request.header("Authorization");
        if (authorization.isEmpty()) {
            replies.challenge(c, request, 401, false);
            return;
        }
        DigestVerifier.Result result = verifier.verify(authorization.get(), request.method(), accounts::password);
        switch (result.outcome()) {
            case STALE -> replies.challenge(c, request, 401, true);
            case MALFORMED -> replies.send(c, request, 400, "Bad Authorization");
            case UNKNOWN_USER, WRONG_PASSWORD -> replies.send(c, request, 403, "Forbidden");
            case OK -> {
                LocalEdge.Account account = accounts.byAuthorizationId(result.username());
                String user = request.to().uri().user();
                if (account == null || !account.username().equals(user)) {
                    replies.send(c, request, 403, "Forbidden");
                } else {
                    bind(c, request, account.username());
                }
            }
            default -> throw new IllegalStateException(result.outcome().name());
        }
    }

    private void bind(EdgeConnection c, SipRequest request, String user) {
        List<String> contacts = request.headers().values("Contact");
        Optional<String> expiresHeader = request.header("Expires");
        if (contacts.isEmpty()) {
            Registration current = lookup(user);
            replies.sendWith(c, request, 200, "OK", current == null ? List.of() : List.of(
                    "Contact", current.contact().withParam("expires", Long.toString(remaining(current))).toString()));
            return;
        }
        if (contacts.get(0).strip().equals("*")) {
            bindings.remove(user);
            replies.send(c, request, 200, "OK");
            return;
        }
        NameAddr contact;
        long asked;
        try {
            contact = NameAddr.parse(contacts.get(0));
            String value = contact.param("expires") != null ? contact.param("expires") : expiresHeader.orElse("3600");
            asked = Long.parseLong(value.strip());
        } catch (SipParseException | NumberFormatException e) {
            replies.send(c, request, 400, "Bad Contact or Expires");
            return;
        }
        if (asked <= 0) {
            bindings.computeIfPresent(user, (k, old) -> sameUri(old.contact().uri(), contact.uri()) ? null : old);
            replies.send(c, request, 200, "OK");
            return;
        }
        long granted = Math.min(asked, c.kind().websocket() ? WS_MAX_EXPIRES : STREAM_MAX_EXPIRES);
        NameAddr stored = contact.withoutParam("expires");
        bindings.put(user, new Registration(user, stored, c, System.nanoTime() + granted * 1_000_000_000L));
        replies.sendWith(c, request, 200, "OK",
                List.of("Contact", stored.withParam("expires", Long.toString(granted)).toString()));
    }

    private static boolean sameUri(SipUri a, SipUri b) {
        return a.toString().equalsIgnoreCase(b.toString());
    }

    private static long remaining(Registration r) {
        return Math.max(0, (r.expiresAtNanos() - System.nanoTime()) / 1_000_000_000L);
    }

    /** The live binding of {@code username}, or null. */
    Registration lookup(String username) {
        Registration r = bindings.get(username);
        if (r != null && !r.live()) {
            bindings.remove(username, r);
            return null;
        }
        return r;
    }

    /** The live binding whose contact URI is {@code uri}, or null (for in-dialog requests whose flow is gone). */
    Registration byContact(SipUri uri) {
        for (Registration r : bindings.values()) {
            if (r.live() && sameUri(r.contact().uri(), uri)) {
                return r;
            }
        }
        return null;
    }

    /** Drops the bindings reachable only over {@code c}. */
    void connectionClosed(EdgeConnection c) {
        bindings.values().removeIf(r -> r.connection() == c);
    }

    List<LocalEdge.Binding> bindings() {
        return bindings.values().stream().filter(Registration::live).map(Registration::binding).toList();
    }

    int size() {
        return (int) bindings.values().stream().filter(Registration::live).count();
    }
}
