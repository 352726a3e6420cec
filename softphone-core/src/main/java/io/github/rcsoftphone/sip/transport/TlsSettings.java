package io.github.rcsoftphone.sip.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How TLS (for TLS and WSS) checks the server. Certificates and host names are verified by default against the
 * JDK's trusted CAs plus, when given, the CAs of a PEM file. {@code insecure} switches verification off: it must be
 * asked for explicitly and is logged loudly by the transports.
 *
 * @param extraCaPem PEM file of additional trusted CA certificates, or null
 * @param insecure trust any certificate and any host name (testing only)
 */
public record TlsSettings(Path extraCaPem, boolean insecure) {

    /** Verification on, the JDK's trust store only. */
    public static TlsSettings defaults() {
        return new TlsSettings(null, false);
    }

    /** Verification on, the JDK's trust store plus the CAs in {@code pem}. */
    public static TlsSettings trusting(Path pem) {
        return new TlsSettings(pem, false);
    }

    /** Reads {@code SOFTPHONE_TRUST_CA} and {@code SOFTPHONE_INSECURE_TLS=true}. */
    public static TlsSettings fromEnv(Map<String, String> env) {
        String ca = env.get("SOFTPHONE_TRUST_CA");
        boolean insecure = "true".equalsIgnoreCase(env.getOrDefault("SOFTPHONE_INSECURE_TLS", "false").trim());
        return new TlsSettings(ca == null || ca.isBlank() ? null : Path.of(ca.trim()), insecure);
    }

    /** Builds the SSL context these settings describe. */
    public SSLContext sslContext() throws GeneralSecurityException, IOException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(), null);
        return context;
    }

    /**
     * The trust managers {@link #sslContext()} uses: the JDK's plus the extra CAs, or trust-everything when insecure.
     * Transports wrap them to tell an untrusted certificate from a host name mismatch.
     */
    public TrustManager[] trustManagers() throws GeneralSecurityException, IOException {
        if (insecure) {
            return new TrustManager[] {new TrustEverything()};
        }
        TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        jdk.init((KeyStore) null);
        if (extraCaPem == null) {
            return jdk.getTrustManagers();
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int n = 0;
        for (TrustManager tm : jdk.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                for (X509Certificate c : x.getAcceptedIssuers()) {
                    store.setCertificateEntry("jdk-" + n++, c);
                }
            }
        }
        List<Certificate> extra = readPem(extraCaPem);
        if (extra.isEmpty()) {
            throw new IOException("no certificate found in " + extraCaPem);
        }
        for (Certificate c : extra) {
            store.setCertificateEntry("extra-" + n++, c);
        }
        TrustManagerFactory merged = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        merged.init(store);
        return merged.getTrustManagers();
    }

    private static List<Certificate> readPem(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
        }
    }

    /**
     * Extended so that JSSE does not add its own host name check on top (it does for a plain X509TrustManager when
     * an endpoint identification algorithm is set).
     */
    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // insecure mode: explicitly requested
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // insecure mode: explicitly requested
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // insecure mode: explicitly requested
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // insecure mode: explicitly requested
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // insecure mode: explicitly requested
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // insecure mode: explicitly requested
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
