package io.github.rcsoftphone.cli.output;

import io.github.rcsoftphone.FailureReason;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.SoftphoneEvent.ConnectionLost;
import io.github.rcsoftphone.SoftphoneEvent.Reconnected;
import io.github.rcsoftphone.SoftphoneEvent.Registered;
import io.github.rcsoftphone.SoftphoneEvent.RegistrationFailed;
import io.github.rcsoftphone.SoftphoneEvent.Unregistered;
import java.io.PrintStream;
import java.util.Locale;

/** Prints each event as a short line for a person, e.g. {@code registered 16505550100 via WSS host:8443 (expires 60 s)}. */
public final class PlainEventPrinter implements EventPrinter {

    private final PrintStream out;
    private final SipInfo sipInfo;

    /** Prints to {@code out}; {@code sipInfo} names the device in the {@code registered} line. */
    public PlainEventPrinter(PrintStream out, SipInfo sipInfo) {
        this.out = out;
        this.sipInfo = sipInfo;
    }

    @Override
    public void print(SoftphoneEvent event) {
        out.println(line(event));
        out.flush();
    }

    /** The line for {@code event}, without the line end. */
    public String line(SoftphoneEvent event) {
        return line(sipInfo, event);
    }

    /** The line for {@code event} of the device {@code sipInfo}, without the line end. */
    public static String line(SipInfo sipInfo, SoftphoneEvent event) {
        if (event instanceof Registered r) {
            String expires = "(expires " + r.expiresSeconds() + " s)";
            return r.refresh() ? "registration refreshed " + expires
                    : "registered " + sipInfo.username() + " via " + sipInfo.transport() + " "
                            + (r.proxy() == null ? sipInfo.outboundProxy() : r.proxy()) + (r.backup() ? " (backup)" : "")
                            + " " + expires;
        }
        if (event instanceof RegistrationFailed f) {
            return "registration failed: " + reasonName(f.reason()) + ": " + oneLine(f.detail())
                    + (f.willRetry() ? " (retrying)" : "");
        }
        if (event instanceof ConnectionLost c) {
            return "connection lost: " + oneLine(c.detail());
        }
        if (event instanceof Reconnected r) {
            return (r.remote() == null || r.remote().isBlank() ? "reconnected" : "reconnected to " + r.remote())
                    + (r.backup() ? " (backup)" : "");
        }
        if (event instanceof SoftphoneEvent.IncomingCall c) {
            return "incoming call " + c.callId() + " from " + c.callerNumber()
                    + (c.callerName().isBlank() ? "" : " (" + c.callerName() + ")");
        }
        if (event instanceof SoftphoneEvent.Answered a) {
            return "answered " + a.callId() + " (" + a.codec() + ")";
        }
        if (event instanceof SoftphoneEvent.Dtmf d) {
            return "dtmf " + d.digit() + " in " + d.callId();
        }
        if (event instanceof SoftphoneEvent.Ended e) {
            return String.format(Locale.ROOT, "ended %s: %s (%s, %d packets, %d lost, jitter %.1f ms, %d s)", e.callId(),
                    reasonName(e.reason()), e.stats().codec().isEmpty() ? "no media" : e.stats().codec(),
                    e.stats().packetsReceived(), e.stats().packetsLost(), e.stats().jitterMs(),
                    e.stats().durationMs() / 1000);
        }
        if (event instanceof SoftphoneEvent.Transferred t) {
            return "transferred " + t.callId() + " to " + t.target();
        }
        if (event instanceof SoftphoneEvent.TransferProgress t) {
            return "transfer of " + t.callId() + ": " + t.statusCode() + " " + t.reasonPhrase();
        }
        if (event instanceof SoftphoneEvent.Calling c) {
            return "calling " + c.target() + " (" + c.callId() + ")";
        }
        if (event instanceof Unregistered) {
            return "unregistered";
        }
        return event.type().replace('_', ' ');
    }

    /** {@code BAD_CREDENTIALS} -> {@code bad_credentials}. */
    public static String reasonName(Enum<?> reason) {
        return reason == null ? "unknown" : reason.name().toLowerCase(Locale.ROOT);
    }

    /** {@code text} on one line (line breaks become spaces); {@code "?"} when null. */
    public static String oneLine(String text) {
        return text == null ? "?" : text.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
