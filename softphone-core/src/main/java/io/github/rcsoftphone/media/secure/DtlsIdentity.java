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
import java.util.function.Supplier;
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
    /** The certificate and its key; made at most once. */
    private record Material(byte[] certificateDer, byte[] privateKeyPkcs8) {
    }

    private final Supplier<Material> material;

    private DtlsIdentity(Supplier<Material> material) {
        this.material = material;
    }

    /** Generates a new key pair and a certificate valid from yesterday for 30 days, CN=rcsoftphone. */
    public static DtlsIdentity generate() {
        Material m = newMaterial();
        return new DtlsIdentity(() -> m);
    }

    /**
     * Like {@link #generate()}, but the key pair and certificate are made when first needed (the first WebRTC call),
     * once, by whichever thread needs them first: building and registering a softphone costs no key generation
     * (3-20 ms of CPU each, which dominated registering 1,000 softphones).
     */
    public static DtlsIdentity onFirstUse() {
        return new DtlsIdentity(new Supplier<>() {
            private volatile Material made;

            @Override
            public Material get() {
                Material m = made;
                if (m == null) {
                    synchronized (this) {
                        m = made;
                        if (m == null) {
                            m = newMaterial();
                            made = m;
                        }
                    }
                }
                return m;
            }
        });
    }

    private static Material newMaterial() {
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
            return new Material(der, kp.getPrivate().getEncoded());
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
        return fingerprint(algorithm, material.get().certificateDer());
    }

    /** The DER encoding of the certificate (a copy). */
    public byte[] certificateDer() {
        return material.get().certificateDer().clone();
    }

    byte[] privateKeyPkcs8() {
        return material.get().privateKeyPkcs8().clone();
    }

    AsymmetricKeyParameter privateKeyParameter() {
        try {
            return PrivateKeyFactory.createKey(material.get().privateKeyPkcs8());
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
