package io.github.rcsoftphone.edge;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The edge's subscribers, by number and by authorization id. Immutable after construction. */
final class Accounts {
    private final Map<String, LocalEdge.Account> byUsername = new HashMap<>();
    private final Map<String, LocalEdge.Account> byAuthorizationId = new HashMap<>();

    Accounts(List<LocalEdge.Account> accounts) {
        for (LocalEdge.Account a : accounts) {
            if (byUsername.putIfAbsent(a.username(), a) != null) {
                throw new IllegalArgumentException("two accounts with username " + a.username());
            }
            if (byAuthorizationId.putIfAbsent(a.authorizationId(), a) != null) {
                throw new IllegalArgumentException("two accounts with authorization id " + a.authorizationId());
            }
        }
    }

    /** The account whose number is {@code user} (a leading {@code +} ignored), or null. */
    LocalEdge.Account byUsername(String user) {
        if (user == null) {
            return null;
        }
        LocalEdge.Account a = byUsername.get(user);
        return a != null || !user.startsWith("+") ? a : byUsername.get(user.substring(1));
    }

    LocalEdge.Account byAuthorizationId(String id) {
        return byAuthorizationId.get(id);
    }

    /** The password of digest user {@code authorizationId}, or null. */
    String password(String authorizationId) {
        LocalEdge.Account a = byAuthorizationId.get(authorizationId);
        return a == null ? null : a.password();
    }
}
