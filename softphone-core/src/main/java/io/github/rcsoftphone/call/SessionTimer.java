package io.github.rcsoftphone.call;

import io.github.rcsoftphone.sched.Scheduler;
import io.github.rcsoftphone.sched.Scheduler.Cancellable;
import io.github.rcsoftphone.sip.message.SipMessage;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The session timer of one dialog (RFC 4028). The headers: {@link #parse} reads {@code Session-Expires}
 * ({@code 14400;refresher=uac}), {@link #negotiate} turns a 2xx or a request into who refreshes and how often. The
 * timer: as the refresher we refresh at half the interval; otherwise, when no refresh came, the session expires at
 * the interval minus the lesser of 32 s and a third of it (RFC 4028 10). Loop only.
 */
final class SessionTimer {
    /** Our {@code Min-SE}: the shortest interval we accept (RFC 4028's minimum). */
    static final int MIN_SE = 90;

    /** A {@code Session-Expires} value: seconds and the refresher ({@code uac}, {@code uas}, or null when absent). */
    record SessionExpires(int seconds, String refresher) {
        @Override
        public String toString() {
            return refresher == null ? Integer.toString(seconds) : seconds + ";refresher=" + refresher;
        }
    }

    /** The outcome of a negotiation: the interval, and whether we are the refresher. */
    record Negotiated(int seconds, boolean weRefresh) {
    }

    private final Scheduler loop;
    private final Runnable refresh;
    private final Runnable expire;
    private Cancellable timer = Cancellable.NONE;
    private Negotiated current;

    /** {@code refresh} runs at half the interval when we refresh; {@code expire} when the far end did not. */
    SessionTimer(Scheduler loop, Runnable refresh, Runnable expire) {
        this.loop = loop;
        this.refresh = refresh;
        this.expire = expire;
    }

    /**
     * Reads a {@code Session-Expires} value; empty when absent or malformed (a malformed one is treated as none:
     * no timer rather than a wrong one).
     */
    static Optional<SessionExpires> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String[] parts = value.split(";");
        int seconds;
        try {
            seconds = Integer.parseInt(parts[0].strip());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (seconds <= 0) {
            return Optional.empty();
        }
        String refresher = null;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("refresher")) {
                String r = kv[1].strip().toLowerCase(Locale.ROOT);
                refresher = r.equals("uac") || r.equals("uas") ? r : null;
            }
        }
        return Optional.of(new SessionExpires(seconds, refresher));
    }

    /** The {@code Session-Expires} of a message, if it has a usable one. */
    static Optional<SessionExpires> of(SipMessage m) {
        return parse(m.headers().first("Session-Expires").orElse(null));
    }

    /** The {@code Min-SE} of a message (for a 422), at least ours. */
    static int minSe(SipMessage m) {
        String v = m.headers().first("Min-SE").orElse("").split(";")[0].strip();
        try {
            return Math.max(MIN_SE, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return MIN_SE;
        }
    }

    /** Whether a message lists {@code timer} in its {@code Supported} (or {@code Require}) header. */
    static boolean supportsTimer(SipMessage m) {
        return m.headers().values("Supported").stream().anyMatch(v -> v.strip().equalsIgnoreCase("timer"))
                || m.headers().values("Require").stream().anyMatch(v -> v.strip().equalsIgnoreCase("timer"));
    }

    /**
     * What a {@code Session-Expires} in a 2xx or request means for us: {@code weWereUac} tells whether we sent the
     * request of that transaction ({@code refresher=uac} then names us). A missing refresher means the UAS decided
     * nothing: the UAC refreshes.
     */
    static Negotiated negotiate(SessionExpires se, boolean weWereUac) {
        String refresher = se.refresher() == null ? "uac" : se.refresher();
        return new Negotiated(se.seconds(), refresher.equals("uac") == weWereUac);
    }

    /**
     * The value a UAS answers a request's {@code Session-Expires} with (RFC 4028 9): the request's refresher, else
     * {@code uac} when the UAC supports timers, else {@code uas}.
     */
    static SessionExpires answer(SessionExpires requested, boolean uacSupportsTimer) {
        String refresher = requested.refresher() != null ? requested.refresher() : uacSupportsTimer ? "uac" : "uas";
        return new SessionExpires(requested.seconds(), refresher);
    }

    /** Starts (or restarts, after a refresh) the timer; {@code null} stops it. */
    void start(Negotiated n) {
        timer.cancel();
        current = n;
        if (n == null) {
            timer = Cancellable.NONE;
            return;
        }
        if (n.weRefresh()) {
            timer = loop.schedule(Duration.ofMillis(n.seconds() * 500L), refresh);
        } else {
            long ms = n.seconds() * 1000L - Math.min(32_000L, n.seconds() * 1000L / 3);
            timer = loop.schedule(Duration.ofMillis(ms), expire);
        }
    }

    /** What runs now, or null when no timer runs. */
    Negotiated current() {
        return current;
    }

    void stop() {
        timer.cancel();
        timer = Cancellable.NONE;
        current = null;
    }
}
