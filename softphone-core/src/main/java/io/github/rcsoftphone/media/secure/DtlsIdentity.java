package io.github.rcsoftphone.media.secure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed ECDSA P-256 certificate and its key: our DTLS identity, advertised in SDP by its fingerprint.
 * One per softphone, reused by all its calls (each call still runs a fresh DTLS handshake, hence fresh SRTP keys).
 * Immutable and thread-safe.
 */
public final class DtlsIdentity {
    private final byte[] certificateDer;
    private final byte[] privateKeyPkcs8;

    private DtlsIdentity(byte[] certificateDer, byte[] privateKeyPkcs8) {
        this.certificateDer = certificateDer;
        this.privateKeyPkcs8 = privateKeyPkcs8;
    }

    /** Generates a new key pair and a certificate valid from yesterday for 30 days, CN=rcsoftphone. */
    public static DtlsIdentity generate() {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator kpg = KeyPairGenerator.getInstance("EC");
            kpg.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair kp = kpg.generateKeyPair();
            X500Name name = new X500Name("CN=rcsoftphone");
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, new BigInteger(63, random).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(30))), name, kp.getPublic());
            var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate());
            byte[] der = builder.build(signer).getEncoded();
            return new DtlsIdentity(der, kp.getPrivate().getEncoded());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot generate the DTLS ECDSA P-256 identity", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the DTLS certificate", e);
        }
    }

    /** The SHA-256 fingerprint, as in SDP {@code a=fingerprint:sha-256 AB:CD:...}. */
    public String fingerprint() {
        return fingerprint("sha-256");
    }

    /**
     * The certificate fingerprint in SDP form: upper-case hex pairs joined by colons.
     *
     * @param algorithm SDP hash name: "sha-256", "sha-1" (also "sha-384", "sha-512")
     */
    public String fingerprint(String algorithm) {
        return fingerprint(algorithm, certificateDer);
    }

    /** The DER encoding of the certificate (a copy). */
    public byte[] certificateDer() {
        return certificateDer.clone();
    }

    byte[] privateKeyPkcs8() {
        return privateKeyPkcs8.clone();
    }

    AsymmetricKeyParameter privateKeyParameter() {
        try {
            return PrivateKeyFactory.createKey(privateKeyPkcs8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot decode our own DTLS private key", e);
        }
    }

    /** SDP-style fingerprint of a DER certificate; throws IllegalArgumentException for an unknown algorithm. */
    static String fingerprint(String algorithm, byte[] der) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance(jcaDigestName(algorithm)).digest(der);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unsupported fingerprint algorithm: " + algorithm, e);
        }
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    }

    private static String jcaDigestName(String sdpName) {
        String n = sdpName.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "sha-1", "sha-224", "sha-256", "sha-384", "sha-512" -> n.toUpperCase(Locale.ROOT);
            case "md5" -> "MD5";
            default -> throw new IllegalArgumentException("unsupported fingerprint algorithm: " + sdpName);
        };
    }

    @Override
    public String toString() {
        return "DtlsIdentity[sha-256 " + fingerprint() + "]";
    }
}
