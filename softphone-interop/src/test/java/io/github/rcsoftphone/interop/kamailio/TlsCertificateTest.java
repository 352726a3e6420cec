package io.github.rcsoftphone.interop.kamailio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.interop.support.ExternalCommand;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** openssl s_client checks the harness's certificates: a verifiable chain, and a name mismatch when asked for. */
class TlsCertificateTest {

    @RegisterExtension
    final KamailioExtension kamailio = new KamailioExtension();

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TransportKind.class, names = {"TLS", "WSS"})
    void theChainVerifiesAgainstTheTestCa(TransportKind kind) throws Exception {
        KamailioServer server = kamailio.start(KamailioOptions.defaults());

        ExternalCommand.Result r = sClient(server, server.port(kind), "-verify_ip", "127.0.0.1");

        assertThat(r.output()).as(r.describe()).contains("Verify return code: 0 (ok)");
    }

    @Test
    void aCertificateForAnotherHostFailsHostVerification() throws Exception {
        KamailioServer server = kamailio.start(KamailioOptions.builder().certificateHosts("other.test").build());

        ExternalCommand.Result byIp = sClient(server, server.tlsPort(), "-verify_ip", "127.0.0.1");
        ExternalCommand.Result byName = sClient(server, server.tlsPort(), "-verify_hostname", "other.test");

        assertThat(byIp.output()).as(byIp.describe()).doesNotContain("Verify return code: 0 (ok)")
                .contains("IP address mismatch");
        assertThat(byName.output()).as(byName.describe()).contains("Verify return code: 0 (ok)");
    }

    private static ExternalCommand.Result sClient(KamailioServer server, int port, String... check) throws Exception {
        var cmd = new java.util.ArrayList<>(java.util.List.of(ExternalCommand.executable("openssl"), "s_client",
                "-connect", server.host() + ":" + port, "-CAfile", server.caCertificate().toString()));
        cmd.addAll(java.util.List.of(check));
        return ExternalCommand.run(server.directory(), Duration.ofSeconds(15), cmd);
    }
}
