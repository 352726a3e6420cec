package io.github.rcsoftphone.sip.transport;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Certificate checking for one connection. It wraps the trust managers of {@link TlsSettings} so that a failed
 * handshake can be explained: an untrusted chain, or a trusted certificate issued for another host name.
 */
final class TlsVerification {
    private final TlsSettings settings;
    private final String host;
    private volatile X509Certificate peer;
    private volatile boolean untrusted;
    private volatile boolean hostMismatch;
    private volatile String untrustedReason;
    private final AtomicInteger chainsChecked = new AtomicInteger();

    TlsVerification(TlsSettings settings, String host) {
        this.settings = settings;
        this.host = host;
    }

    /** A fresh SSL context whose trust decisions are recorded here. */
    SSLContext sslContext() throws GeneralSecurityException, IOException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers(), null);
        return context;
    }

    /** Fresh trust managers of the settings whose decisions are recorded here. */
    TrustManager[] trustManagers() throws GeneralSecurityException, IOException {
        TrustManager[] managers = settings.trustManagers();
        if (!settings.insecure()) {
            for (int i = 0; i < managers.length; i++) {
                if (managers[i] instanceof X509ExtendedTrustManager x) {
                    managers[i] = new Recording(x);
                }
            }
        }
        return managers;
    }

    /** How many server certificate chains were checked: one per full handshake, none for a resumed session. */
    int chainsChecked() {
        return chainsChecked.get();
    }

    /** The explanation of a certificate failure seen during the handshake, or null when there was none. */
    String certificateProblem() {
        X509Certificate cert = peer;
        if (hostMismatch && cert != null) {
            return "certificate for " + names(cert) + " does not match " + host;
        }
        if (untrusted && cert != null) {
            return "untrusted certificate for " + host + " (subject " + cert.getSubjectX500Principal().getName()
                    + ", issuer " + cert.getIssuerX500Principal().getName() + "): " + untrustedReason;
        }
        return null;
    }

    static String names(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    Object type = san.get(0);
                    if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            names.clear();
        }
        return names.isEmpty() ? cert.getSubjectX500Principal().getName() : String.join(", ", names);
    }

    /** One certificate check. */
    @FunctionalInterface
    private interface CertificateCheck {
        void check() throws CertificateException;
    }

    private final class Recording extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        Recording(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        /** The plain check (chain only), recording an untrusted chain. */
        private void checkChain(X509Certificate[] chain, String authType) throws CertificateException {
            peer = chain.length > 0 ? chain[0] : null;
            try {
                delegate.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                untrusted = true;
                untrustedReason = e.getMessage();
                throw e;
            }
        }

        /**
         * The full check (chain and host name) validates the chain once; only when it fails is the chain checked
         * alone, to tell an untrusted chain from a host name mismatch.
         */
        private void checkWithHost(X509Certificate[] chain, String authType, CertificateCheck full)
                throws CertificateException {
            chainsChecked.incrementAndGet();
            peer = chain.length > 0 ? chain[0] : null;
            try {
                full.check();
            } catch (CertificateException e) {
                checkChain(chain, authType);
                hostMismatch = true;
                throw e;
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkWithHost(chain, authType, () -> delegate.checkServerTrusted(chain, authType, socket));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkWithHost(chain, authType, () -> delegate.checkServerTrusted(chain, authType, engine));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            chainsChecked.incrementAndGet();
            checkChain(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
