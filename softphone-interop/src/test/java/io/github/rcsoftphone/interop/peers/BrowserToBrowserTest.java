package io.github.rcsoftphone.interop.peers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.interop.browser.BrowserEvent;
import io.github.rcsoftphone.interop.browser.BrowserPhone;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions.Account;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions.CalleeCodecs;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The WebRTC peer of issue 3 without our softphone: one browser (700 Hz microphone) calls another (1000 Hz) over WSS
 * through Kamailio + rtpengine, with the callee's codec forced by the edge; each must hear the other's tone.
 */
class BrowserToBrowserTest {

    private static final Duration EVENT = Duration.ofSeconds(20);
    /** Two Chromiums start in parallel: 6-13 s on a busy 2-core machine. */
    private static final Duration REGISTER = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = CalleeCodecs.class, names = {"OPUS", "PCMU"})
    void eachBrowserHearsTheOther(CalleeCodecs codecs) throws Exception {
        KamailioOptions options = KamailioOptions.builder().calleeCodecs(codecs).build();
        Account callee = options.account(KamailioOptions.DEFAULT_AUTH_ID);
        Account caller = options.account(KamailioOptions.SECOND_AUTH_ID);
        try (MediaEdge edge = MediaEdge.start(options);
                BrowserPhone answering = BrowserPhone.start(dir, phone(callee, options, edge, 1000).autoAnswer(true));
                BrowserPhone calling = BrowserPhone.start(dir, phone(caller, options, edge, 700))) {
            long t0 = System.nanoTime();
            answering.await("registered", REGISTER);
            calling.await("registered", REGISTER);
            long registered = System.nanoTime();
            calling.call("sip:" + callee.sipUser() + "@" + options.domain());
            BrowserEvent invite = answering.await("incoming", EVENT);
            calling.await("confirmed", EVENT);
            answering.await("confirmed", EVENT);
            long confirmed = System.nanoTime();
            System.out.printf("browser->browser %s: both registered after %d ms, call confirmed after %d ms%n", codecs,
                    (registered - t0) / 1_000_000, (confirmed - registered) / 1_000_000);

            BrowserPhone.Measurement heardByCallee = answering.measure(Duration.ofMillis(1500));
            BrowserPhone.Measurement heardByCaller = calling.measure(Duration.ofMillis(1500));
            System.out.println("browser->browser " + codecs + ": callee heard " + heardByCallee + ", caller heard "
                    + heardByCaller + ", offer codecs " + invite.text("codecs"));

            String expected = codecs == CalleeCodecs.OPUS ? "opus/48000" : "PCMU/8000";
            assertThat(invite.text("codecs")).as(invite.text("sdp")).startsWith(expected)
                    .doesNotContain(codecs == CalleeCodecs.OPUS ? "PCMU" : "opus");
            assertThat(invite.text("profile")).isEqualTo("RTP/SAVPF");
            assertThat(invite.flag("ssrc")).isFalse();
            assertThat(invite.text("prc")).contains("Phn=\"" + caller.sipUser() + "\"");
            assertThat(heardByCallee.codec()).isEqualToIgnoringCase(
                    codecs == CalleeCodecs.OPUS ? "audio/opus" : "audio/PCMU");
            assertThat(heardByCallee.packetsReceived()).isGreaterThan(50);
            assertThat(heardByCallee.frequencyHz()).isCloseTo(700.0, within(5.0));
            assertThat(heardByCallee.levelDb()).isGreaterThan(-20.0);
            assertThat(heardByCaller.packetsReceived()).isGreaterThan(50);
            assertThat(heardByCaller.frequencyHz()).isCloseTo(1000.0, within(5.0));
            assertThat(heardByCaller.levelDb()).isGreaterThan(-20.0);

            calling.hangup();
            calling.await("ended", EVENT);
            answering.await("ended", EVENT);
            await().atMost(Duration.ofSeconds(5)).until(() -> edge.rtpengine().calls().isEmpty());
        }
    }

    /** A declined call and a cancelled call both free their rtpengine session. */
    @Test
    void declinedAndCancelledCallsFreeTheirMedia() throws Exception {
        KamailioOptions options = KamailioOptions.defaults();
        Account callee = options.account(KamailioOptions.DEFAULT_AUTH_ID);
        Account caller = options.account(KamailioOptions.SECOND_AUTH_ID);
        String target = "sip:" + callee.sipUser() + "@" + options.domain();
        try (MediaEdge edge = MediaEdge.start(options);
                BrowserPhone ringing = BrowserPhone.start(dir, phone(callee, options, edge, 1000));
                BrowserPhone calling = BrowserPhone.start(dir, phone(caller, options, edge, 700))) {
            ringing.await("registered", REGISTER);
            calling.await("registered", REGISTER);

            calling.call(target);
            ringing.await("incoming", EVENT);
            assertThat(edge.rtpengine().calls()).hasSize(1);
            ringing.reject(486);
            BrowserEvent declined = calling.await("failed", EVENT);
            assertThat(declined.number("status")).isEqualTo(486.0);
            assertThat(ringing.await("failed", EVENT).text("cause")).isEqualTo("Rejected");
            await().atMost(Duration.ofSeconds(5)).until(() -> edge.rtpengine().calls().isEmpty());

            calling.call(target);
            ringing.await("incoming", EVENT);
            calling.await("progress", EVENT);
            assertThat(edge.rtpengine().calls()).hasSize(1);
            calling.hangup();
            assertThat(ringing.await("failed", EVENT).text("cause")).isEqualTo("Canceled");
            await().atMost(Duration.ofSeconds(5)).until(() -> edge.rtpengine().calls().isEmpty());
        }
    }

    private static BrowserPhone.Options phone(Account a, KamailioOptions options, MediaEdge edge, int toneHz) {
        return BrowserPhone.Options.of(a.authId(), a.sipUser(), a.password(), options.domain(), edge.wssUri(), toneHz);
    }
}
