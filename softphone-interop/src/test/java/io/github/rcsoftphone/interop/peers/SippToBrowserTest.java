package io.github.rcsoftphone.interop.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rcsoftphone.interop.browser.BrowserEvent;
import io.github.rcsoftphone.interop.browser.BrowserPhone;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions;
import io.github.rcsoftphone.interop.sipp.SippCaller;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PSTN-side peer of issue 3 without our softphone: sipp calls a browser (JsSIP in headless Chromium) registered
 * over WSS as the default user; Kamailio + rtpengine turn sipp's plain PCMU offer into RingCentral's WebRTC shape.
 */
class SippToBrowserTest {

    @TempDir
    Path dir;

    @Test
    void browserHearsSippsToneThroughTheEdge() throws Exception {
        KamailioOptions options = KamailioOptions.defaults();
        KamailioOptions.Account account = options.account();
        try (MediaEdge edge = MediaEdge.start(options);
                BrowserPhone phone = BrowserPhone.start(dir, BrowserPhone.Options.of(account.authId(),
                        account.sipUser(), account.password(), options.domain(), edge.wssUri(), 1000)
                        .autoAnswer(true))) {
            long t0 = System.nanoTime();
            phone.await("registered", Duration.ofSeconds(30));
            long registered = System.nanoTime();
            try (SippCaller sipp = SippCaller.start(dir, SippCaller.Call.to(account.sipUser(), options.domain())
                    .tone(440).talk(Duration.ofSeconds(6)))) {
                BrowserEvent invite = phone.await("incoming", Duration.ofSeconds(15));
                phone.await("confirmed", Duration.ofSeconds(15));
                long confirmed = System.nanoTime();
                System.out.printf("sipp->browser: registered after %d ms, call confirmed %d ms after sipp started%n",
                        (registered - t0) / 1_000_000, (confirmed - registered) / 1_000_000);
                BrowserPhone.Measurement m = phone.measure(Duration.ofMillis(1500));
                System.out.println("sipp->browser: " + m + " invite " + invite.fields());

                assertThat(invite.text("profile")).as(invite.text("sdp")).isEqualTo("RTP/SAVPF");
                assertThat(invite.flag("setupActpass")).isTrue();
                assertThat(invite.flag("iceUfrag")).isTrue();
                assertThat(invite.flag("candidates")).isTrue();
                assertThat(invite.flag("rtcpMux")).isTrue();
                assertThat(invite.flag("fingerprint")).isTrue();
                assertThat(invite.flag("ssrc")).isFalse();
                assertThat(invite.text("codecs")).startsWith("opus/48000").contains("PCMU/8000")
                        .contains("telephone-event/8000");
                assertThat(invite.text("prc")).startsWith("<Msg><Hdr ").contains("Cmd=\"6\"")
                        .contains("From=\"#").contains("@" + options.domain() + ":5060\"")
                        .contains("To=\"" + account.sipUser() + "\"").contains("Phn=\"16505559999\"")
                        .contains("Nm=\"PSTN Caller\"");
                assertThat(invite.text("prcApiIds")).matches("party-id=p-[0-9a-f]+-2;session-id=s-[0-9a-f]+");

                assertThat(m.packetsReceived()).isGreaterThan(50);
                assertThat(m.frequencyHz()).isCloseTo(440.0, within(5.0));
                assertThat(m.levelDb()).isGreaterThan(-20.0);

                SippCaller.Result r = sipp.await(Duration.ofSeconds(30));
                assertThat(r.ok()).as(r.log()).isTrue();
                phone.await("ended", Duration.ofSeconds(10));
            }
            assertThat(edge.rtpengine().calls()).isEmpty();
        }
    }
}
