package io.github.rcsoftphone.interop.kamailio;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.interop.kamailio.KamailioOptions.Account;
import io.github.rcsoftphone.interop.sipp.Sipp;
import io.github.rcsoftphone.interop.support.ExternalCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A third-party client (sipp) registers through the harness: proves digest auth with an auth id that differs from the
 * SIP user, the registrar's expiry cap, the binding store and the wrong-password failure, independent of our code.
 */
class SippRegistrationTest {

    private static final int CAP = 30;

    @RegisterExtension
    static final KamailioExtension KAMAILIO = new KamailioExtension(KamailioOptions.builder().maxExpires(CAP).build());

    @TempDir
    Path work;

    @Test
    void registersWithDigestOverTcpAndGetsTheCappedExpiry() throws Exception {
        KamailioServer server = KAMAILIO.server();
        Account a = server.options().account();
        assertThat(a.authId()).isNotEqualTo(a.sipUser());
        long before = server.registerRequests(a.sipUser());

        ExternalCommand.Result r = sipp("register.xml", a.authId(), a.password(), a.sipUser());

        assertThat(r.ok()).as(r.describe() + "\n" + server.describe()).isTrue();
        assertThat(r.output()).contains("expires=" + CAP);
        assertThat(server.registerRequests(a.sipUser()) - before).as("REGISTERs: challenged + authenticated")
                .isEqualTo(2);
        List<String> contacts = server.contacts(a.sipUser());
        assertThat(contacts).as(server.describe()).singleElement().asString()
                .startsWith("sip:" + a.sipUser() + "@127.0.0.1:");
    }

    @Test
    void aWrongPasswordGets403() throws Exception {
        KamailioServer server = KAMAILIO.server();
        Account a = server.options().account();

        ExternalCommand.Result r = sipp("register-wrong-password.xml", a.authId(), a.password() + "x", a.sipUser());

        assertThat(r.ok()).as(r.describe() + "\n" + server.describe()).isTrue();
        assertThat(r.output()).contains("SIP/2.0 403 Forbidden");
    }

    @Test
    void anAuthIdMayOnlyRegisterItsOwnUser() throws Exception {
        KamailioServer server = KAMAILIO.server();
        Account a = server.options().account();

        ExternalCommand.Result r = sipp("register-wrong-password.xml", a.authId(), a.password(), "16505559999");

        assertThat(r.ok()).as(r.describe() + "\n" + server.describe()).isTrue();
        assertThat(server.contacts("16505559999")).isEmpty();
    }

    private ExternalCommand.Result sipp(String scenario, String authId, String password, String user)
            throws Exception {
        KamailioServer server = KAMAILIO.server();
        return Sipp.runTcp(work, scenario, Map.of("REQUESTED_EXPIRES", "600", "EXPECTED_EXPIRES", Integer.toString(CAP)),
                server.host() + ":" + server.sipPort(),
                List.of("-s", user, "-au", authId, "-ap", password, "-key", "domain", server.domain()));
    }
}
