package io.github.rcsoftphone.media.secure;

import java.io.IOException;
import java.util.Arrays;
import java.util.Hashtable;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.UseSRTPData;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.bc.BcDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/** BouncyCastle DTLS 1.2 client and server with use_srtp (RFC 5764) and fingerprint-pinned peer certificates. */
final class DtlsPeers {
    private DtlsPeers() {
    }

    static final String EXPORTER_LABEL = "EXTRACTOR-dtls_srtp";

    /**
     * When an unanswered handshake flight is first sent again (then doubling, up to 60 s). RFC 6347 suggests 1 s,
     * BouncyCastle's default, but then one lost datagram (a ClientHello that reaches a media relay just before it
     * has finished its own ICE, say) silences the first second of the call. WebRTC stacks resend far sooner
     * (Firefox's NSS at 50 ms, LiveKit's Pion at 100 ms); a flight is a few datagrams once per handshake.
     */
    static final int RESEND_MILLIS = 100;

    /** What both peers share: our identity, the pinned remote fingerprint, and the handshake outcome. */
    static final class Shared {
        final BcTlsCrypto crypto;
        final DtlsIdentity identity;
        final String fingerprintAlgorithm;
        final String expectedFingerprint;
        final int timeoutMillis;
        volatile String fingerprintMismatch;
        volatile SrtpProfile profile;
        volatile byte[] keyingMaterial;
        volatile String peerFingerprint;

        Shared(BcTlsCrypto crypto, DtlsIdentity identity, String fingerprintAlgorithm, String expectedFingerprint,
               int timeoutMillis) {
            this.crypto = crypto;
            this.identity = identity;
            this.fingerprintAlgorithm = fingerprintAlgorithm;
            this.expectedFingerprint = expectedFingerprint;
            this.timeoutMillis = timeoutMillis;
        }

        Certificate certificate() throws IOException {
            TlsCertificate c = crypto.createCertificate(identity.certificateDer());
            return new Certificate(new TlsCertificate[] {c});
        }

        TlsCredentialedSigner signer(TlsContext context) throws IOException {
            return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                    identity.privateKeyParameter(), certificate(),
                    new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
        }

        void verify(Certificate peer) throws IOException {
            if (peer == null || peer.isEmpty()) {
                fingerprintMismatch = "the peer sent no certificate; expected " + fingerprintAlgorithm + " "
                        + expectedFingerprint;
                throw new TlsFatalAlert(AlertDescription.bad_certificate, fingerprintMismatch);
            }
            String actual = DtlsIdentity.fingerprint(fingerprintAlgorithm, peer.getCertificateAt(0).getEncoded());
            peerFingerprint = actual;
            if (!actual.equalsIgnoreCase(expectedFingerprint.trim())) {
                fingerprintMismatch = "peer certificate " + fingerprintAlgorithm + " fingerprint " + actual
                        + " does not match the SDP fingerprint " + expectedFingerprint;
                throw new TlsFatalAlert(AlertDescription.bad_certificate, fingerprintMismatch);
            }
        }

        void exportKeys(TlsContext context) {
            SrtpProfile p = profile;
            keyingMaterial = context.exportKeyingMaterial(EXPORTER_LABEL, null, 2 * (p.keyLength() + p.saltLength()));
        }
    }

    static int[] offeredProfiles() {
        return Arrays.stream(SrtpProfile.values()).mapToInt(SrtpProfile::id).toArray();
    }

    private static final int[] ECDSA_SUITES = {
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
    };
    private static final int[] RSA_SUITES = {
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,
        CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
    };

    /** Our client: offers ECDSA and RSA server suites (a media server may use an RSA certificate). */
    static final class Client extends DefaultTlsClient {
        private final Shared shared;

        Client(Shared shared) {
            super(shared.crypto);
            this.shared = shared;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            int[] all = Arrays.copyOf(ECDSA_SUITES, ECDSA_SUITES.length + RSA_SUITES.length);
            System.arraycopy(RSA_SUITES, 0, all, ECDSA_SUITES.length, RSA_SUITES.length);
            return TlsUtils.getSupportedCipherSuites(getCrypto(), all);
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return shared.timeoutMillis;
        }

        @Override
        public int getHandshakeResendTimeMillis() {
            return RESEND_MILLIS;
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getClientExtensions() throws IOException {
            Hashtable ext = TlsExtensionsUtilsCompat.copy(super.getClientExtensions());
            TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(offeredProfiles(), TlsUtils.EMPTY_BYTES));
            return ext;
        }

        @Override
        @SuppressWarnings("rawtypes")
        public void processServerExtensions(Hashtable serverExtensions) throws IOException {
            super.processServerExtensions(serverExtensions);
            UseSRTPData data = serverExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(serverExtensions);
            if (data == null || data.getProtectionProfiles().length != 1) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure, "server did not select one use_srtp profile");
            }
            SrtpProfile p = SrtpProfile.byId(data.getProtectionProfiles()[0]);
            if (p == null) {
                throw new TlsFatalAlert(AlertDescription.illegal_parameter,
                        "server selected an SRTP profile we did not offer: " + data.getProtectionProfiles()[0]);
            }
            shared.profile = p;
        }

        @Override
        public TlsAuthentication getAuthentication() {
            return new TlsAuthentication() {
                @Override
                public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
                    shared.verify(serverCertificate.getCertificate());
                }

                @Override
                public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
                    return shared.signer(context);
                }
            };
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            shared.exportKeys(context);
        }
    }

    /** Our server: ECDSA suites (our certificate is P-256), requires and pins the client certificate. */
    static final class Server extends DefaultTlsServer {
        private final Shared shared;

        Server(Shared shared) {
            super(shared.crypto);
            this.shared = shared;
        }

        @Override
        protected ProtocolVersion[] getSupportedVersions() {
            return ProtocolVersion.DTLSv12.only();
        }

        @Override
        protected int[] getSupportedCipherSuites() {
            return TlsUtils.getSupportedCipherSuites(getCrypto(), ECDSA_SUITES);
        }

        @Override
        public int getHandshakeTimeoutMillis() {
            return shared.timeoutMillis;
        }

        @Override
        public int getHandshakeResendTimeMillis() {
            return RESEND_MILLIS;
        }

        @Override
        protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
            return shared.signer(context);
        }

        @Override
        @SuppressWarnings("rawtypes")
        public void processClientExtensions(Hashtable clientExtensions) throws IOException {
            super.processClientExtensions(clientExtensions);
            UseSRTPData data = clientExtensions == null ? null : TlsSRTPUtils.getUseSRTPExtension(clientExtensions);
            if (data == null) {
                throw new TlsFatalAlert(AlertDescription.handshake_failure, "client offered no use_srtp extension");
            }
            for (SrtpProfile ours : SrtpProfile.values()) {
                for (int theirs : data.getProtectionProfiles()) {
                    if (ours.id() == theirs) {
                        shared.profile = ours;
                        return;
                    }
                }
            }
            throw new TlsFatalAlert(AlertDescription.handshake_failure,
                    "no common SRTP profile in " + Arrays.toString(data.getProtectionProfiles()));
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Hashtable getServerExtensions() throws IOException {
            Hashtable ext = super.getServerExtensions();
            TlsSRTPUtils.addUseSRTPExtension(ext, new UseSRTPData(new int[] {shared.profile.id()}, TlsUtils.EMPTY_BYTES));
            return ext;
        }

        @Override
        public CertificateRequest getCertificateRequest() {
            return new CertificateRequest(new short[] {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign},
                    TlsUtils.getDefaultSupportedSignatureAlgorithms(context), null);
        }

        @Override
        public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
            shared.verify(clientCertificate);
        }

        @Override
        public void notifyHandshakeComplete() throws IOException {
            super.notifyHandshakeComplete();
            shared.exportKeys(context);
        }
    }

    /** Hashtable copy helper (BouncyCastle's extension API uses raw Hashtables). */
    private static final class TlsExtensionsUtilsCompat {
        @SuppressWarnings({"rawtypes", "unchecked"})
        static Hashtable copy(Hashtable h) {
            return h == null ? new Hashtable() : new Hashtable(h);
        }
    }
}
