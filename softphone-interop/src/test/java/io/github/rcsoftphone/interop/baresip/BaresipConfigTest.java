package io.github.rcsoftphone.interop.baresip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration and account line BaresipPhone writes (no process). */
class BaresipConfigTest {

    private final BaresipPhone.Options tls = BaresipPhone.Options.tls("802398804016", "16505550100", "pw",
            "sip.test", Path.of("/tmp/ca.pem"));

    @Test
    void accountLineIsTlsWithMandatorySdesSrtp() {
        assertThat(tls.autoAnswer(true).accountLine()).isEqualTo("<sip:16505550100@sip.test;transport=tls>"
                + ";auth_user=802398804016;auth_pass=pw;outbound=\"sip:127.0.0.1:5061;transport=tls\";regint=60"
                + ";answermode=auto;mediaenc=srtp-mand");
        assertThat(tls.mediaenc("").outbound("sip:127.0.0.1:5060").accountLine())
                .startsWith("<sip:16505550100@sip.test>;").endsWith(";answermode=manual");
    }

    @Test
    void configHasNoAudioDeviceAndLoadsAufileOnlyWithASource() {
        String silent = BaresipPhone.config(tls, 5070, 4444);
        assertThat(silent).contains("sip_listen\t\t127.0.0.1:5070\n", "sip_cafile\t\t/tmp/ca.pem\n",
                "net_interface\t\t127.0.0.1\n", "module\t\t\tsrtp.so\n", "ctrl_tcp_listen\t\t127.0.0.1:4444\n")
                .doesNotContain("aufile", "alsa", "sndfile", "audio_player");
        String talking = BaresipPhone.config(tls.source(Path.of("/w/t.wav")).recordInto(Path.of("/w/rec")), 5070, 4444);
        assertThat(talking).contains("audio_source\t\taufile,/w/t.wav\n", "module\t\t\taufile.so\n",
                "module\t\t\tsndfile.so\n", "snd_path\t\t/w/rec\n");
    }
}
