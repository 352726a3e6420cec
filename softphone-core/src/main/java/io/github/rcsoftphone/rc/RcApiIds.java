package io.github.rcsoftphone.rc;

import java.util.Objects;
import java.util.Optional;

/**
 * The Call-Control REST ids of an inbound call, from the {@code p-rc-api-ids} header
 * ({@code party-id=p-...;session-id=s-...}): the telephony session id and this device's party id.
 */
public record RcApiIds(String partyId, String sessionId) {

    /** Both ids are required and non-blank. */
    public RcApiIds {
        if (Objects.requireNonNull(partyId, "partyId").isBlank()
                || Objects.requireNonNull(sessionId, "sessionId").isBlank()) {
            throw new IllegalArgumentException("party-id and session-id must not be blank");
        }
    }

    /**
     * Parses the header value; parameters may come in any order and case, other parameters are ignored.
     *
     * @return empty if the value is null or lacks either id
     */
    public static Optional<RcApiIds> parse(String pRcApiIdsHeaderValue) {
        if (pRcApiIdsHeaderValue == null || pRcApiIdsHeaderValue.length() > 4096) {
            return Optional.empty();
        }
        String party = null;
        String session = null;
        for (String param : pRcApiIdsHeaderValue.split("[;,]")) {
            int eq = param.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String name = param.substring(0, eq).strip();
            String value = param.substring(eq + 1).strip();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            if (value.isBlank()) {
                continue;
            }
            if (name.equalsIgnoreCase("party-id") && party == null) {
                party = value;
            } else if (name.equalsIgnoreCase("session-id") && session == null) {
                session = value;
            }
        }
        return party == null || session == null ? Optional.empty() : Optional.of(new RcApiIds(party, session));
    }
}
