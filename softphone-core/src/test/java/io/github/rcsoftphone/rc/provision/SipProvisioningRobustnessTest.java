package io.github.rcsoftphone.rc.provision;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Truncated and mutated answers never escape as anything but {@link ProvisioningException}. */
class SipProvisioningRobustnessTest {

    @Test
    void truncationsAndMutationsOfTheAnswerFailCleanly() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        SipProvisioning provisioning = new SipProvisioning(http, Duration.ofSeconds(5));
        String good = FakeRingCentral.SIP_INFO;
        Random random = new Random(4);
        int ok = 0;
        int failed = 0;
        try (FakeRingCentral rc = new FakeRingCentral()) {
            for (int i = 0; i < 160; i++) {
                String body;
                if (i < 60) {
                    body = good.substring(0, random.nextInt(good.length()));
                } else {
                    char[] chars = good.toCharArray();
                    for (int m = 0; m < 1 + random.nextInt(4); m++) {
                        chars[random.nextInt(chars.length)] = "{}[]\":,x0 \\".charAt(random.nextInt(11));
                    }
                    body = new String(chars);
                }
                rc.provision(200, body);
                try {
                    SipInfo info = provisioning.provision(rc.credentials(), TransportKind.WSS);
                    assertThat(info.domain()).isNotBlank();
                    ok++;
                } catch (ProvisioningException e) {
                    assertThat(e.kind()).isEqualTo(ProvisioningException.Kind.BAD_RESPONSE);
                    assertThat(e.getMessage()).doesNotContain(FakeRingCentral.ACCESS_TOKEN, FakeRingCentral.JWT);
                    failed++;
                }
            }
            assertThat(rc.violations).isEmpty();
        }
        assertThat(failed).as("most damaged answers are rejected").isGreaterThan(60);
        assertThat(ok + failed).isEqualTo(160);
    }
}
