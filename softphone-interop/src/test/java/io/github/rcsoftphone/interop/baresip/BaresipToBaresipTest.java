package io.github.rcsoftphone.interop.baresip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rcsoftphone.interop.kamailio.KamailioOptions;
import io.github.rcsoftphone.interop.peers.MediaEdge;
import io.github.rcsoftphone.interop.support.ExternalCommand;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS-flavour peer without our softphone: baresip A (TLS, SRTP keyed by SDES, playing 1000 Hz) calls baresip B
 * (TLS, auto-answer, recording) through Kamailio + rtpengine, which hands B RingCentral's TLS shape: RTP/SAVP with a
 * single AES_CM_128_HMAC_SHA1_80 crypto line and no ICE.
 */
class BaresipToBaresipTest {

    private static final Pattern INVITE = Pattern.compile("(?s)\\nINVITE sip:.*?\\r?\\n\\r?\\n(v=0\\r?\\n(?:[a-z]=[^\\r\\n]*\\r?\\n)*)");

    @TempDir
    Path dir;

    @Test
    void calleeHearsTheCallersToneOverSrtpWithOneSdesSuite() throws Exception {
        KamailioOptions options = KamailioOptions.defaults();
        KamailioOptions.Account a = options.account(KamailioOptions.DEFAULT_AUTH_ID);
        KamailioOptions.Account b = options.account(KamailioOptions.SECOND_AUTH_ID);
        Path wav = dir.resolve("tone1000.wav");
        ExternalCommand.run(dir, Duration.ofSeconds(20), ExternalCommand.executable("sox"), "-n", "-r", "8000", "-c",
                "1", "-b", "16", "-e", "signed-integer", wav.toString(), "synth", "12", "sine", "1000", "vol", "0.5")
                .orThrow();
        Path rec = Files.createDirectory(dir.resolve("rec-b"));
        long t0 = System.nanoTime();
        List<ProcessHandle> processes = new java.util.ArrayList<>();
        try (MediaEdge edge = MediaEdge.start(options);
                BaresipPhone callee = BaresipPhone.start(dir, BaresipPhone.Options.tls(b.authId(), b.sipUser(),
                        b.password(), options.domain(), edge.kamailio().caCertificate()).recordInto(rec)
                        .autoAnswer(true));
                BaresipPhone caller = BaresipPhone.start(dir, BaresipPhone.Options.tls(a.authId(), a.sipUser(),
                        a.password(), options.domain(), edge.kamailio().caCertificate()).source(wav))) {
          processes.add(callee.process());
          processes.add(caller.process());
          try {
            callee.awaitRegistered(Duration.ofSeconds(15));
            caller.awaitRegistered(Duration.ofSeconds(15));
            long registered = System.nanoTime();
            caller.dial("sip:" + b.sipUser() + "@" + options.domain());
            caller.await("CALL_ESTABLISHED", Duration.ofSeconds(15));
            callee.await("CALL_ESTABLISHED", Duration.ofSeconds(15));
            long established = System.nanoTime();
            // 3 s of 8 kHz s16 heard by the callee
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> callee.recordings().stream().anyMatch(f -> f.toFile().length() > 48_000));
            caller.hangup();
            callee.await("CALL_CLOSED", Duration.ofSeconds(10));
            System.out.printf("baresip->baresip: registered after %d ms, established %d ms after dial%n",
                    (registered - t0) / 1_000_000, (established - registered) / 1_000_000);

            String why = callee.describe() + "\n" + caller.describe() + "\n" + edge.describe();
            List<Path> recordings = callee.recordings();
            assertThat(recordings).as(why).hasSize(1);
            short[] pcm = AudioAnalysis.readWav(recordings.get(0));
            int rate = AudioAnalysis.wavSampleRate(recordings.get(0));
            double hz = AudioAnalysis.dominantFrequency(pcm, rate);
            double db = AudioAnalysis.rmsDbfs(pcm);
            System.out.printf("baresip->baresip: callee heard %.1f Hz at %.1f dBFS (%d samples at %d Hz)%n", hz, db,
                    pcm.length, rate);
            assertThat(hz).as(why).isCloseTo(1000.0, within(5.0));
            assertThat(db).as(why).isGreaterThan(-20.0);

            String sent = receivedOffer(caller.log());
            String offer = receivedOffer(callee.log());
            System.out.println("baresip->baresip: offer A sent:\n" + sent + "offer B received:\n" + offer);
            assertThat(offer).as(why).contains("m=audio ").contains(" RTP/SAVP ").doesNotContain("a=ice-")
                    .doesNotContain("a=candidate").doesNotContain("a=fingerprint");
            List<String> crypto = offer.lines().filter(l -> l.startsWith("a=crypto:")).toList();
            assertThat(crypto).as(offer).hasSize(1);
            assertThat(crypto.get(0)).contains(" AES_CM_128_HMAC_SHA1_80 inline:");
            assertThat(edge.rtpengine().calls()).isEmpty();
          } catch (AssertionError | RuntimeException e) {
            throw new AssertionError(e.getMessage() + "\n=== callee:\n" + callee.describe() + "\n=== caller:\n"
                    + caller.describe() + "\n=== edge:\n" + edge.describe(), e);
          }
        }
        assertThat(processes).hasSize(2).noneMatch(ProcessHandle::isAlive);
    }

    /** The SDP of the first INVITE in a baresip SIP trace (the caller's: the one it sent; the callee's: received). */
    static String receivedOffer(String log) {
        Matcher m = INVITE.matcher(log);
        if (!m.find()) {
            throw new AssertionError("no INVITE with SDP in the callee's SIP trace:\n" + log);
        }
        return m.group(1);
    }
}
