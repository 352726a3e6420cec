package io.github.rcsoftphone.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.interop.baresip.BaresipPhone;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions.Account;
import io.github.rcsoftphone.interop.matrix.Interop;
import io.github.rcsoftphone.interop.matrix.MatrixRecorder;
import io.github.rcsoftphone.interop.peers.MediaEdge;
import io.github.rcsoftphone.interop.sipp.DtmfPcap;
import io.github.rcsoftphone.interop.sipp.SippCaller;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 6, DTMF against real peers through Kamailio + rtpengine: sipp plays RFC 2833 key presses into a call and the
 * softphone reports exactly those keys; the softphone sends {@code 159#} to baresip, which reports them as
 * {@code CALL_DTMF_START} events.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DtmfInteropTest {
    private static final String SIPP_KEYS = "159#*0";

    @TempDir
    Path dir;

    @Interop(peer = "sipp", transport = "{param}", direction = "inbound", codec = "PCMU", feature = "DTMF received (RFC 4733)")
    @ParameterizedTest
    @EnumSource(value = TransportKind.class, names = {"TLS", "WSS"})
    void sippPlaysRfc2833KeysAndTheSoftphoneReportsExactlyThoseInOrder(TransportKind kind, MatrixRecorder matrix) throws Exception {
        matrix.set("transport", kind == TransportKind.TLS ? "TLS (SDES)" : "WSS (WebRTC)");
        KamailioOptions options = KamailioOptions.defaults();
        RecordingListener events = new RecordingListener();
        StringBuffer keys = new StringBuffer();
        Set<Thread> before = Threads.now();
        try (MediaEdge edge = MediaEdge.start(options)) {
            CompletableFuture<Call> answered = new CompletableFuture<>();
            try (Softphone phone = InboundCallInteropTest.softphone(edge, options, List.of("PCMU", "opus"), events, kind)) {
                phone.onIncomingCall(call -> {
                    call.onDtmf(keys::append);
                    call.answer().thenRun(() -> answered.complete(call));
                });
                phone.register().get(10, TimeUnit.SECONDS);
                Path pcap = DtmfPcap.write(dir.resolve("keys.pcap"), SIPP_KEYS);
                try (SippCaller sipp = SippCaller.startPcap(dir, SippCaller.Call.to(options.account().sipUser(),
                        options.domain()).talk(Duration.ofSeconds(4)), pcap)) {
                    Call call = answered.get(20, TimeUnit.SECONDS);
                    Call.CallEnd end = call.ended().get(30, TimeUnit.SECONDS);
                    SippCaller.Result r = sipp.await(Duration.ofSeconds(30));
                    assertThat(r.ok()).as(r.log()).isTrue();
                    System.out.println("sipp DTMF->softphone " + kind + ": reported " + keys + ", " + end);
                    matrix.text("digits reported", keys.toString());
                    assertThat(end.reason()).isEqualTo(Call.CallEndReason.REMOTE_HANGUP);
                    assertThat(end.stats().packetsLost()).as("key presses are no loss (they were: 42 = 6 x 7)")
                            .isZero();
                }
            }
            assertThat(keys.toString()).isEqualTo(SIPP_KEYS);
            assertThat(events.of(SoftphoneEvent.Dtmf.class).stream().map(SoftphoneEvent.Dtmf::digit).toList())
                    .containsExactly('1', '5', '9', '#', '*', '0');
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> edge.rtpengine().calls().isEmpty());
        }
        Threads.assertNoneLeft(before);
    }

    @Interop(peer = "baresip", transport = "TLS (SDES)", direction = "outbound", codec = "PCMU", feature = "DTMF sent (RFC 4733)")
    @Test
    void softphoneSends159PoundToBaresipOverTlsWithSdes(MatrixRecorder matrix) throws Exception {
        KamailioOptions options = KamailioOptions.defaults();
        Account callee = options.account(KamailioOptions.SECOND_AUTH_ID);
        RecordingListener events = new RecordingListener();
        Path source = Tones.wav(dir.resolve("tone1000.wav"), 1000, 8000, Duration.ofSeconds(12));
        Set<Thread> before = Threads.now();
        try (MediaEdge edge = MediaEdge.start(options);
                Softphone phone = InboundCallInteropTest.softphone(edge, options, List.of("PCMU"), events,
                        TransportKind.TLS);
                var baresip = BaresipPhone.start(dir, BaresipPhone.Options.tls(callee.authId(), callee.sipUser(),
                        callee.password(), options.domain(), edge.kamailio().caCertificate())
                        .source(source).autoAnswer(true))) {
            phone.register().get(10, TimeUnit.SECONDS);
            baresip.awaitRegistered(Duration.ofSeconds(15));
            Call call = phone.call(callee.sipUser());
            call.answered().get(20, TimeUnit.SECONDS);
            baresip.await("CALL_ESTABLISHED", Duration.ofSeconds(15));
            long t0 = System.nanoTime();
            call.sendDtmf("159#").get(10, TimeUnit.SECONDS);
            long sentMs = (System.nanoTime() - t0) / 1_000_000;
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> keys(baresip.events()).length() >= 4);
            call.hangup();
            call.ended().get(15, TimeUnit.SECONDS);
            String heard = keys(baresip.events());
            matrix.text("digits baresip reported", heard).measure("sent in", sentMs, "ms");
            System.out.println("softphone DTMF->baresip (TLS/SDES): sent 159# in " + sentMs + " ms, baresip reported "
                    + heard);
            assertThat(heard).as(baresip.describe()).isEqualTo("159#");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> edge.rtpengine().calls().isEmpty());
        }
        Threads.assertNoneLeft(before);
    }

    /** The keys of baresip's {@code CALL_DTMF_START} events ({@code "param":"<key>"}), in order. */
    private static String keys(List<String> baresipEvents) {
        Pattern key = Pattern.compile("\"param\":\"(.)\"");
        StringBuilder b = new StringBuilder();
        for (String e : baresipEvents) {
            Matcher m = key.matcher(e);
            if (e.contains("\"CALL_DTMF_START\"") && m.find()) {
                b.append(m.group(1));
            }
        }
        return b.toString();
    }
}
