package io.github.rcsoftphone.media.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class DtlsIdentityTest {
    private final DtlsIdentity id = DtlsIdentity.generate();

    @Test
    void fingerprints_are_digests_of_the_der_in_sdp_form() throws Exception {
        byte[] der = id.certificateDer();
        String sha256 = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        String sha1 = HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(der));
        assertThat(id.fingerprint("sha-256")).isEqualTo(sha256).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(id.fingerprint()).isEqualTo(sha256);
        assertThat(id.fingerprint("SHA-1")).isEqualTo(sha1).matches("([0-9A-F]{2}:){19}[0-9A-F]{2}");
        assertThatThrownBy(() -> id.fingerprint("sha-3")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sha-3");
    }

    @Test
    void certificate_is_self_signed_ecdsa_p256_and_currently_valid() throws Exception {
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(id.certificateDer()));
        cert.checkValidity();
        cert.verify(cert.getPublicKey());
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(((ECPublicKey) cert.getPublicKey()).getParams().getCurve().getField().getFieldSize()).isEqualTo(256);
    }

    @Test
    void each_identity_is_distinct() {
        assertThat(DtlsIdentity.generate().fingerprint()).isNotEqualTo(id.fingerprint());
    }

    @Test
    void an_identity_made_on_first_use_is_made_once_whichever_thread_asks_first() throws Exception {
        DtlsIdentity lazy = DtlsIdentity.onFirstUse();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<String>> seen = pool.invokeAll(java.util.Collections.nCopies(8,
                    lazy::fingerprint));
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (java.util.concurrent.Future<String> f : seen) {
                distinct.add(f.get());
            }
            org.assertj.core.api.Assertions.assertThat(distinct).containsExactly(lazy.fingerprint());
            org.assertj.core.api.Assertions.assertThat(lazy.fingerprint()).isNotEqualTo(DtlsIdentity.onFirstUse().fingerprint());
            org.assertj.core.api.Assertions.assertThat(lazy.privateKeyParameter()).isNotNull();
        } finally {
            pool.shutdownNow();
        }
    }
}
