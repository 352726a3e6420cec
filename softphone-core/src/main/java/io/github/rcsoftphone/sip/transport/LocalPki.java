package io.github.rcsoftphone.sip.transport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for local servers (the embedded edge, tests): one CA (EC P-256, valid two days) that issues
 * server certificates for given DNS names and IP addresses, written as PEM files, plus SSL contexts for the TLS
 * servers. Client code trusts the CA through {@code TlsSettings.trusting(pki.caPem())}, so verification stays on.
 *
 * <pre>{@code
 * LocalPki pki = LocalPki.create(tempDir);
 * LocalPki.Issued server = pki.issue("localhost", "127.0.0.1");
 * SSLServerSocket s = (SSLServerSocket) server.serverContext().getServerSocketFactory().createServerSocket(0);
 * }</pre>
 */
public final class LocalPki {
    private static final Pattern IP = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|.*:.*");

    private final Path dir;
    private final KeyPair caKeys;
    private final X509Certificate caCert;
    private final Path caPem;
    private final SecureRandom random = new SecureRandom();

    private LocalPki(Path dir, KeyPair caKeys, X509Certificate caCert, Path caPem) {
        this.dir = dir;
        this.caKeys = caKeys;
        this.caCert = caCert;
        this.caPem = caPem;
    }

    /** A certificate and key issued by this PKI, with their PEM files. */
    public record Issued(X509Certificate certificate, PrivateKey privateKey, X509Certificate ca, Path certPem,
                         Path keyPem) {

        /** An SSL context for a TLS server presenting this certificate (chain: certificate, CA). */
        public SSLContext serverContext() {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                char[] password = "local".toCharArray();
                store.setKeyEntry("server", privateKey, password, new Certificate[] {certificate, ca});
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(store, password);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(kmf.getKeyManagers(), null, null);
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot build a server SSL context", e);
            }
        }
    }

    /** Creates a CA named {@code CN=softphone local CA} and writes {@code ca.pem} into {@code dir}. */
    public static LocalPki create(Path dir) {
        try {
            KeyPair keys = newKeys();
            X500Name name = new X500Name("CN=softphone local CA");
            Instant now = Instant.now();
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), name,
                    keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate cert = sign(builder, keys.getPrivate());
            Path pem = dir.resolve("ca.pem");
            Files.writeString(pem, pem(cert), StandardCharsets.US_ASCII);
            return new LocalPki(dir, keys, cert, pem);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the local CA", e);
        }
    }

    /** The CA certificate as a PEM file. */
    public Path caPem() {
        return caPem;
    }

    /** The CA certificate. */
    public X509Certificate caCertificate() {
        return caCert;
    }

    /**
     * Issues a server certificate whose subject alternative names are {@code names}: IP literals become IP
     * entries, everything else DNS entries. The first name is also the CN. Writes {@code <first>.pem} and
     * {@code <first>.key.pem} (PKCS#8).
     */
    public Issued issue(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("at least one name");
        }
        try {
            KeyPair keys = newKeys();
            Instant now = Instant.now();
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            GeneralName[] sans = List.of(names).stream()
                    .map(n -> new GeneralName(IP.matcher(n).matches() ? GeneralName.iPAddress : GeneralName.dNSName, n))
                    .toArray(GeneralName[]::new);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCert,
                    new BigInteger(64, random).abs().add(BigInteger.TWO), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(1))), new X500Name("CN=" + names[0]), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            utils.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(caCert));
            X509Certificate cert = sign(builder, caKeys.getPrivate());
            String base = names[0].replaceAll("[^A-Za-z0-9.-]", "_");
            Path certPem = dir.resolve(base + ".pem");
            Path keyPem = dir.resolve(base + ".key.pem");
            Files.writeString(certPem, pem(cert), StandardCharsets.US_ASCII);
            Files.writeString(keyPem, pem(new JcaPKCS8Generator(keys.getPrivate(), null)), StandardCharsets.US_ASCII);
            return new Issued(cert, keys.getPrivate(), caCert, certPem, keyPem);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a local certificate", e);
        }
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)));
    }

    private static String pem(Object object) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            if (object instanceof PemObjectGenerator generator) {
                writer.writeObject(generator);
            } else {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
