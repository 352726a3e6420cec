package io.github.rcsoftphone.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions.Account;
import io.github.rcsoftphone.interop.linphone.LinphonePhone;
import io.github.rcsoftphone.interop.matrix.Interop;
import io.github.rcsoftphone.interop.matrix.MatrixRecorder;
import io.github.rcsoftphone.interop.peers.MediaEdge;
import io.github.rcsoftphone.interop.support.TcpPorts;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 (2): linphonec over TLS with SDES-keyed SRTP required calls the softphone registered over TLS; rtpengine
 * offers RingCentral's TLS shape. The softphone plays 440 Hz and linphonec's recording holds it.
 *
 * <p>linphonec runs in the loopback-only namespace as it is: with its database directory present it deems the network
 * up (127.0.0.1 only) and needs no extra interface or route.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LinphoneInteropTest {

    @TempDir
    Path dir;

    @Interop(peer = "linphonec", transport = "TLS (SDES)", direction = "inbound", codec = "PCMU", feature = "audio: softphone's 440 Hz heard")
    @Test
    void linphoneCallsOverTlsAndRecordsTheSoftphonesTone(MatrixRecorder matrix) throws Exception {
        KamailioOptions options = KamailioOptions.defaults();
        Account caller = options.account(KamailioOptions.SECOND_AUTH_ID);
        Account callee = options.account();
        RecordingListener events = new RecordingListener();
        Path heard = dir.resolve("linphone-heard.wav");
        Set<Thread> before = Threads.now();
        LinphonePhone linphone = null;
        try (MediaEdge edge = MediaEdge.start(options);
                Softphone phone = Softphone.builder()
                        .sipInfo(new SipInfo(options.domain(), edge.kamailio().outboundProxy(TransportKind.TLS),
                                callee.sipUser(), callee.password(), callee.authId(), TransportKind.TLS))
                        .tls(TlsSettings.trusting(edge.kamailio().caCertificate())).listener(events)
                        .codecs(List.of("PCMU", "opus")).build();
                LinphonePhone lp = LinphonePhone.start(dir, LinphonePhone.Options.tls(caller.authId(),
                        caller.sipUser(), caller.password(), options.domain(), edge.kamailio().caCertificate()),
                        TcpPorts.free())) {
            linphone = lp;
            CompletableFuture<Call> answered = new CompletableFuture<>();
            phone.onIncomingCall(call -> {
                call.play(new ToneSource(440, 8000, 0.5, null));
                call.answer().whenComplete((v, e) -> {
                    if (e != null) {
                        answered.completeExceptionally(e);
                    } else {
                        answered.complete(call);
                    }
                });
            });
            phone.register().get(10, TimeUnit.SECONDS);
            lp.awaitRegistered(Duration.ofSeconds(15));
            lp.record(heard);
            lp.call("sip:" + callee.sipUser() + "@" + options.domain());
            Call call = answered.get(20, TimeUnit.SECONDS);
            lp.awaitLog("to LinphoneCallStreamsRunning", Duration.ofSeconds(15));
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Files.exists(heard) && Files.size(heard) > 48_000);
            lp.terminate();
            Call.CallEnd end = call.ended().get(15, TimeUnit.SECONDS);
            lp.awaitLog("to LinphoneCallReleased", Duration.ofSeconds(10));
            System.out.println("linphonec->softphone (TLS/SDES): " + end);

            assertThat(end.reason()).isEqualTo(Call.CallEndReason.REMOTE_HANGUP);
            assertThat(lp.log()).as("linphone negotiated SDES-keyed SRTP").contains("a=crypto:");
            short[] pcm = AudioAnalysis.readWav(heard);
            int rate = AudioAnalysis.wavSampleRate(heard);
            double hz = AudioAnalysis.dominantFrequency(pcm, rate);
            matrix.measure("linphonec heard", hz, "Hz").measure("level", AudioAnalysis.rmsDbfs(pcm), "dBFS");
            System.out.printf("linphonec->softphone (TLS/SDES): linphonec heard %.1f Hz over %.2f s at %d Hz, %.1f dBFS%n",
                    hz, pcm.length / (double) rate, rate, AudioAnalysis.rmsDbfs(pcm));
            assertThat(hz).isCloseTo(440.0, within(5.0));
        } catch (AssertionError | Exception e) {
            if (linphone != null) {
                System.out.println(linphone.describe());
            }
            throw e;
        }
        assertThat(linphone.process().isAlive()).as("linphonec left running").isFalse();
        Threads.assertNoneLeft(before);
    }
}
