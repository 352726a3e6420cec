package io.github.rcsoftphone.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.FailureReason;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.SoftphoneEvent.ConnectionLost;
import io.github.rcsoftphone.SoftphoneEvent.Reconnected;
import io.github.rcsoftphone.SoftphoneEvent.Registered;
import io.github.rcsoftphone.SoftphoneEvent.RegistrationFailed;
import io.github.rcsoftphone.SoftphoneEvent.Unregistered;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class EventPrintersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T20:37:01.250Z"), ZoneId.of("Europe/Paris"));
    private static final String TIME = "\"time\":\"2026-11-23T20:37:01.250Z\"";
    private static final SipInfo INFO = new SipInfo("sip.example", "sip.example:8443", "16505550100", "secret", "800123",
            TransportKind.WSS);

    private final JsonEventPrinter json = new JsonEventPrinter(System.out, CLOCK);
    private final PlainEventPrinter plain = new PlainEventPrinter(System.out, INFO);

    @Test
    void jsonCallEvents() {
        assertThat(json.line(new io.github.rcsoftphone.SoftphoneEvent.IncomingCall("c1", "+16505550100", "Caller")))
                .isEqualTo("{\"event\":\"incoming\",\"call_id\":\"c1\",\"caller_number\":\"+16505550100\","
                        + "\"caller_name\":\"Caller\"," + TIME + "}");
        assertThat(json.line(new io.github.rcsoftphone.SoftphoneEvent.Answered("c1", "opus/48000/2")))
                .isEqualTo("{\"event\":\"answered\",\"call_id\":\"c1\",\"codec\":\"opus/48000/2\"," + TIME + "}");
        assertThat(json.line(new io.github.rcsoftphone.SoftphoneEvent.Dtmf("c1", '#')))
                .isEqualTo("{\"event\":\"dtmf\",\"call_id\":\"c1\",\"digit\":\"#\"," + TIME + "}");
        assertThat(json.line(new io.github.rcsoftphone.SoftphoneEvent.Ended("c1",
                io.github.rcsoftphone.Call.CallEndReason.REMOTE_HANGUP, "bye",
                new io.github.rcsoftphone.Call.CallStats("pcmu/8000", 250, 2, 1.23, 251, Double.NaN, 5000, 3, 1))))
                .isEqualTo("{\"event\":\"ended\",\"call_id\":\"c1\",\"reason\":\"remote_hangup\",\"detail\":\"bye\","
                        + "\"stats\":{\"codec\":\"pcmu/8000\",\"packets\":250,\"lost\":2,\"jitter_ms\":1.2,"
                        + "\"packets_sent\":251,\"duration_ms\":5000,\"srtp_auth_failures\":3,\"srtp_replays\":1},"
                        + TIME + "}");
    }

    @Test
    void plainCallEvents() {
        assertThat(plain.line(new io.github.rcsoftphone.SoftphoneEvent.IncomingCall("c1", "+16505550100", "Caller")))
                .isEqualTo("incoming call c1 from +16505550100 (Caller)");
        assertThat(plain.line(new io.github.rcsoftphone.SoftphoneEvent.Dtmf("c1", '5'))).isEqualTo("dtmf 5 in c1");
        assertThat(plain.line(new io.github.rcsoftphone.SoftphoneEvent.Ended("c1",
                io.github.rcsoftphone.Call.CallEndReason.CANCELLED, "x", io.github.rcsoftphone.Call.CallStats.NONE)))
                .isEqualTo("ended c1: cancelled (no media, 0 packets, 0 lost, jitter 0.0 ms, 0 s)");
    }

    @Test
    void jsonRegistered() {
        assertThat(json.line(new Registered(60, "<sip:abc@def.invalid;transport=ws>", false))).isEqualTo(
                "{\"event\":\"registered\",\"expires\":60,\"contact\":\"<sip:abc@def.invalid;transport=ws>\","
                        + "\"refresh\":false," + TIME + "}");
    }

    @Test
    void jsonRegistrationFailed() {
        assertThat(json.line(new RegistrationFailed(FailureReason.BAD_CREDENTIALS, "403 \"Forbidden\"", false)))
                .isEqualTo("{\"event\":\"registration_failed\",\"reason\":\"bad_credentials\","
                        + "\"detail\":\"403 \\\"Forbidden\\\"\",\"will_retry\":false," + TIME + "}");
    }

    @Test
    void jsonConnectionLost() {
        assertThat(json.line(new ConnectionLost("closed\nby peer"))).isEqualTo(
                "{\"event\":\"connection_lost\",\"detail\":\"closed\\nby peer\"," + TIME + "}");
    }

    @Test
    void jsonReconnected() {
        assertThat(json.line(new Reconnected("sip.example:8443"))).isEqualTo(
                "{\"event\":\"reconnected\",\"remote\":\"sip.example:8443\"," + TIME + "}");
    }

    @Test
    void jsonUnregistered() {
        assertThat(json.line(new Unregistered())).isEqualTo("{\"event\":\"unregistered\"," + TIME + "}");
    }

    @Test
    void jsonNullFieldsAreNull() {
        assertThat(json.line(new ConnectionLost(null))).contains("\"detail\":null");
    }

    @Test
    void jsonPrintWritesOneLinePerEvent() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonEventPrinter printer = new JsonEventPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), CLOCK);
        printer.print(new Registered(60, "c", false));
        printer.print(new ConnectionLost("x\ny"));
        printer.print(new Unregistered());
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertThat(lines).hasSize(4);
        assertThat(lines[3]).isEmpty();
        assertThat(lines[0]).startsWith("{\"event\":\"registered\"").endsWith("}");
        assertThat(lines[1]).startsWith("{\"event\":\"connection_lost\"");
        assertThat(lines[2]).startsWith("{\"event\":\"unregistered\"");
    }

    @Test
    void snakeCase() {
        assertThat(JsonEventPrinter.snakeCase("willRetry")).isEqualTo("will_retry");
        assertThat(JsonEventPrinter.snakeCase("expiresSeconds")).isEqualTo("expires_seconds");
        assertThat(JsonEventPrinter.snakeCase("detail")).isEqualTo("detail");
    }

    @Test
    void plainLines() {
        assertThat(plain.line(new Registered(60, "c", false)))
                .isEqualTo("registered 16505550100 via WSS sip.example:8443 (expires 60 s)");
        assertThat(plain.line(new Registered(47, "c", true))).isEqualTo("registration refreshed (expires 47 s)");
        assertThat(plain.line(new RegistrationFailed(FailureReason.TIMEOUT, "no answer\nin 5 s", true)))
                .isEqualTo("registration failed: timeout: no answer in 5 s (retrying)");
        assertThat(plain.line(new RegistrationFailed(FailureReason.TLS, "bad cert", false)))
                .isEqualTo("registration failed: tls: bad cert");
        assertThat(plain.line(new ConnectionLost("reset"))).isEqualTo("connection lost: reset");
        assertThat(plain.line(new Reconnected("sip.example:8443"))).isEqualTo("reconnected to sip.example:8443");
        assertThat(plain.line(new Reconnected(null))).isEqualTo("reconnected");
        assertThat(plain.line(new Registered(60, "c", false, "sip124.example:8083", true)))
                .isEqualTo("registered 16505550100 via WSS sip124.example:8083 (backup) (expires 60 s)");
        assertThat(plain.line(new Reconnected("wss://sip124.example:8083", true)))
                .isEqualTo("reconnected to wss://sip124.example:8083 (backup)");
        assertThat(plain.line(new Unregistered())).isEqualTo("unregistered");
    }

    @Test
    void everyEventTypeHasAJsonLineStartingWithItsType() {
        SoftphoneEvent[] all = {new Registered(1, "c", true), new RegistrationFailed(FailureReason.UNREACHABLE, "d", true),
            new ConnectionLost("d"), new Reconnected("r"), new Unregistered()};
        for (SoftphoneEvent e : all) {
            assertThat(json.line(e)).startsWith("{\"event\":\"" + e.type() + "\"").endsWith(TIME + "}");
        }
    }
}
