package io.github.rcsoftphone.cli.output;

import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.SoftphoneEvent.ConnectionLost;
import io.github.rcsoftphone.SoftphoneEvent.Reconnected;
import io.github.rcsoftphone.SoftphoneEvent.Registered;
import io.github.rcsoftphone.SoftphoneEvent.RegistrationFailed;
import io.github.rcsoftphone.SoftphoneEvent.Unregistered;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints each event as one JSON object on its own line: {@code event} (the event's {@link SoftphoneEvent#type()}),
 * the event's fields in snake_case, and {@code time} (ISO-8601, UTC).
 */
public final class JsonEventPrinter implements EventPrinter {

    private final PrintStream out;
    private final Clock clock;

    /** Prints to {@code out}, stamping events with {@code clock}. */
    public JsonEventPrinter(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void print(SoftphoneEvent event) {
        out.println(line(event));
        out.flush();
    }

    /** The JSON line for {@code event}, without the line end. */
    public String line(SoftphoneEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("event", event.type());
        fields.putAll(fields(event));
        fields.put("time", DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
        return Json.write(fields);
    }

    private static Map<String, Object> fields(SoftphoneEvent event) {
        Map<String, Object> f = new LinkedHashMap<>();
        if (event instanceof Registered r) {
            f.put("expires", r.expiresSeconds());
            f.put("contact", r.contact());
            f.put("refresh", r.refresh());
        } else if (event instanceof RegistrationFailed r) {
            f.put("reason", r.reason());
            f.put("detail", r.detail());
            f.put("will_retry", r.willRetry());
        } else if (event instanceof ConnectionLost c) {
            f.put("detail", c.detail());
        } else if (event instanceof Reconnected r) {
            f.put("remote", r.remote());
        } else if (event instanceof SoftphoneEvent.Dtmf d) {
            f.put("call_id", d.callId());
            f.put("digit", String.valueOf(d.digit()));
        } else if (event instanceof SoftphoneEvent.Ended e) {
            f.put("call_id", e.callId());
            f.put("reason", e.reason());
            f.put("detail", e.detail());
            Map<String, Object> stats = new LinkedHashMap<>();
            stats.put("codec", e.stats().codec());
            stats.put("packets", e.stats().packetsReceived());
            stats.put("lost", e.stats().packetsLost());
            stats.put("jitter_ms", Math.round(e.stats().jitterMs() * 10) / 10.0);
            stats.put("packets_sent", e.stats().packetsSent());
            stats.put("duration_ms", e.stats().durationMs());
            stats.put("srtp_auth_failures", e.stats().srtpAuthFailures());
            stats.put("srtp_replays", e.stats().srtpReplays());
            f.put("stats", stats);
        } else if (!(event instanceof Unregistered)) {
            f.putAll(recordFields(event));
        }
        return f;
    }

    /** Events this class does not know yet: their record components, named in snake_case. */
    private static Map<String, Object> recordFields(Object event) {
        Map<String, Object> f = new LinkedHashMap<>();
        RecordComponent[] components = event.getClass().getRecordComponents();
        if (components == null) {
            return f;
        }
        for (RecordComponent c : components) {
            try {
                f.put(snakeCase(c.getName()), c.getAccessor().invoke(event));
            } catch (IllegalAccessException | InvocationTargetException e) {
                f.put(snakeCase(c.getName()), null);
            }
        }
        return f;
    }

    /** {@code willRetry} -> {@code will_retry}. */
    static String snakeCase(String camel) {
        StringBuilder s = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                s.append('_').append(Character.toLowerCase(c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
