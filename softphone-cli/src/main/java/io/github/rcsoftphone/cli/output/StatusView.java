package io.github.rcsoftphone.cli.output;

import io.github.rcsoftphone.Call.CallStats;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.SoftphoneEvent.ConnectionLost;
import io.github.rcsoftphone.SoftphoneEvent.Reconnected;
import io.github.rcsoftphone.SoftphoneEvent.Registered;
import io.github.rcsoftphone.SoftphoneEvent.RegistrationFailed;
import io.github.rcsoftphone.SoftphoneEvent.Unregistered;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The live status for a person at a terminal: a block redrawn in place on every event and on every {@link #tick()}
 * (twice a second with {@link #start}):
 *
 * <pre>
 * softphone 16505550100  registered via WSS sip.example:8443  (expires in 42 s)
 * CALL             DIR STATE      CODEC         TIME RX PKTS  LOST TX PKTS
 * 3f2a9c0d1e5b7a4c in  connected  opus/48000/2 00:12     600     0     600
 * </pre>
 *
 * Every event but a registration refresh is also printed above the block as {@link PlainEventPrinter}'s line, so the
 * history scrolls by as in plain mode. Ended calls stay in the table, with their end reason, for {@link #LINGER}.
 */
public final class StatusView implements EventPrinter {

    /** How long an ended call stays in the table. */
    public static final Duration LINGER = Duration.ofSeconds(5);
    /** How often {@link #start} redraws. */
    public static final Duration PERIOD = Duration.ofMillis(500);

    static final String ROW = "%-16s %-3s %-10s %-12s %5s %7s %5s %7s";

    private final LiveScreen screen;
    private final SipInfo sipInfo;
    private final Clock clock;
    /** Calls handed in by {@link #watch} (any thread), taken into {@link #rows} under the lock. */
    private final Queue<LiveCall> watched = new ConcurrentLinkedQueue<>();
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private String registration;
    private Instant expiresAt;
    private Ticker ticker;
    private boolean closed;

    /** A view that redraws on events and {@link #tick()} only (tests drive it with their clock). */
    public StatusView(LiveScreen screen, SipInfo sipInfo, Clock clock) {
        this.screen = screen;
        this.sipInfo = sipInfo;
        this.clock = clock;
        this.registration = "registering via " + via();
    }

    /** A view that also redraws every {@link #PERIOD} on its own thread until {@link #close()}. */
    public static StatusView start(LiveScreen screen, SipInfo sipInfo, Clock clock) {
        StatusView view = new StatusView(screen, sipInfo, clock);
        synchronized (view) {
            view.redraw();
            view.ticker = Ticker.start("softphone-status-view", PERIOD, view::tick);
        }
        return view;
    }

    @Override
    public synchronized void print(SoftphoneEvent event) {
        if (closed) {
            return;
        }
        update(event);
        if (!(event instanceof Registered r && r.refresh())) {
            screen.printAbove(PlainEventPrinter.line(sipInfo, event));
        }
        redraw();
    }

    @Override
    public void watch(LiveCall call) {
        watched.add(call);
    }

    /** Redraws with fresh figures; drops calls that ended more than {@link #LINGER} ago. */
    public synchronized void tick() {
        if (!closed) {
            redraw();
        }
    }

    /** The block as it would be drawn now. */
    public synchronized List<String> frame() {
        takeWatched();
        Instant now = clock.instant();
        rows.values().removeIf(r -> r.endedAt != null && !now.isBefore(r.endedAt.plus(LINGER)));
        List<String> frame = new ArrayList<>();
        frame.add("softphone " + sipInfo.username() + "  " + registration + expiry(now));
        if (!rows.isEmpty()) {
            frame.add(String.format(Locale.ROOT, ROW, "CALL", "DIR", "STATE", "CODEC", "TIME", "RX PKTS", "LOST",
                    "TX PKTS").stripTrailing());
            rows.values().forEach(r -> frame.add(r.line()));
        }
        return frame;
    }

    /** Stops redrawing; the last block stays on the screen (updated, unless something was written below it). */
    @Override
    public void close() {
        Ticker t;
        synchronized (this) {
            t = ticker;
            ticker = null;
        }
        if (t != null) {
            t.close();
        }
        synchronized (this) {
            if (!closed && screen.visible()) {
                redraw();
            }
            closed = true;
        }
    }

    private void redraw() {
        screen.draw(frame());
    }

    private void update(SoftphoneEvent event) {
        if (event instanceof Registered r) {
            registration = "registered via " + via();
            expiresAt = clock.instant().plusSeconds(r.expiresSeconds());
        } else if (event instanceof RegistrationFailed f) {
            registration = "registration failed: " + PlainEventPrinter.reasonName(f.reason())
                    + (f.willRetry() ? " (retrying)" : "");
            expiresAt = null;
        } else if (event instanceof ConnectionLost) {
            registration = "connection lost, reconnecting";
            expiresAt = null;
        } else if (event instanceof Reconnected) {
            registration = "reconnected, registering via " + via();
            expiresAt = null;
        } else if (event instanceof Unregistered) {
            registration = "unregistered";
            expiresAt = null;
        } else if (event instanceof SoftphoneEvent.IncomingCall c) {
            row(c.callId()).state = "ringing";
        } else if (event instanceof SoftphoneEvent.Calling c) {
            Row row = row(c.callId());
            row.state = "calling";
            row.direction = "out";
        } else if (event instanceof SoftphoneEvent.Ringing r) {
            row(r.callId()).state = "ringing";
        } else if (event instanceof SoftphoneEvent.Answered a) {
            Row row = row(a.callId());
            row.state = "connected";
            row.codec = a.codec();
        } else if (event instanceof SoftphoneEvent.Ended e) {
            row(e.callId()).ended(e, clock.instant());
        }
    }

    private String expiry(Instant now) {
        if (expiresAt == null) {
            return "";
        }
        long seconds = Math.max(0, Duration.between(now, expiresAt).toSeconds());
        return "  (expires in " + seconds + " s)";
    }

    private String via() {
        return sipInfo.transport() + " " + sipInfo.outboundProxy();
    }

    private Row row(String callId) {
        return rows.computeIfAbsent(callId, Row::new);
    }

    private void takeWatched() {
        for (LiveCall call = watched.poll(); call != null; call = watched.poll()) {
            row(call.id()).live = call;
        }
    }

    /** One call in the table. */
    private static final class Row {
        final String id;
        String state = "ringing";
        String codec = "";
        String direction = "in";
        LiveCall live;
        CallStats last = CallStats.NONE;
        Instant endedAt;
        String endReason;

        Row(String id) {
            this.id = id;
        }

        void ended(SoftphoneEvent.Ended e, Instant now) {
            state = "ended";
            endReason = PlainEventPrinter.reasonName(e.reason());
            last = e.stats();
            live = null;
            endedAt = now;
        }

        String line() {
            String shownState = state;
            if (live != null) {
                try {
                    last = live.stats();
                    shownState = live.state();
                    direction = live.direction();
                } catch (RuntimeException e) {
                    shownState = state;
                }
            }
            String shownCodec = last.codec().isEmpty() ? codec : last.codec();
            String line = String.format(Locale.ROOT, ROW, shortId(id), direction, shownState, shownCodec,
                    time(last.durationMs()), last.packetsReceived(), last.packetsLost(), last.packetsSent());
            return endReason == null ? line : line + "  " + endReason;
        }
    }

    /** A Call-ID that fits the column: whole, else the part before its {@code @host}, else its start and "...". */
    static String shortId(String id) {
        if (id.length() <= 16) {
            return id;
        }
        int at = id.indexOf('@');
        return at > 0 && at <= 16 ? id.substring(0, at) : id.substring(0, 13) + "...";
    }

    /** {@code mm:ss}. */
    static String time(long millis) {
        long s = Math.max(0, millis) / 1000;
        return String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
