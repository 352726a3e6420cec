package io.github.rcsoftphone.sip.transport;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens the TCP or TLS socket of a {@link StreamTransport}, with the connect timeout and TLS checks applied. */
final class StreamSockets {
    private static final Logger LOG = LoggerFactory.getLogger(SipTransport.class.getPackageName());
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private StreamSockets() {
    }

    /** Connects (and for TLS hand-shakes) within the connect timeout; throws TransportException on failure. */
    static Socket open(TransportConfig config) throws TransportException {
        long deadline = System.nanoTime() + config.connectTimeout().toNanos();
        String remote = config.describe();
        Socket raw = new Socket();
        try {
            raw.setTcpNoDelay(true);
            raw.connect(new InetSocketAddress(config.host(), config.port()), millis(config.connectTimeout().toNanos()));
        } catch (IOException e) {
            closeQuietly(raw);
            throw Failures.connectFailure(e, remote, null);
        }
        if (!config.kind().secure()) {
            return raw;
        }
        TlsVerification verification = new TlsVerification(config.tls(), config.host());
        SSLSocket ssl = null;
        try {
            if (config.tls().insecure()) {
                warnInsecure(remote);
            }
            ssl = (SSLSocket) verification.sslContext().getSocketFactory()
                    .createSocket(raw, config.host(), config.port(), true);
            ssl.setSSLParameters(parameters(ssl.getSSLParameters(), config));
            ssl.setSoTimeout(millis(Math.max(deadline - System.nanoTime(), 1_000_000)));
            ssl.startHandshake();
            ssl.setSoTimeout(0);
            LOG.debug("TLS to {}: {} {}", remote, ssl.getSession().getProtocol(), ssl.getSession().getCipherSuite());
            return ssl;
        } catch (Exception e) {
            closeQuietly(ssl == null ? raw : ssl);
            throw Failures.connectFailure(e, remote, verification);
        }
    }

    static SSLParameters parameters(SSLParameters params, TransportConfig config) {
        List<String> supported = Arrays.asList(params.getProtocols());
        params.setProtocols(PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new));
        if (!config.tls().insecure()) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(config.host())) {
            params.setServerNames(List.of(new SNIHostName(config.host())));
        }
        return params;
    }

    static void warnInsecure(String remote) {
        LOG.warn("TLS certificate verification is OFF for {}: any certificate and host name are accepted;"
                + " use this for testing only", remote);
    }

    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }

    static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed: {}", c, e.getMessage());
        }
    }

    private static int millis(long nanos) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, nanos / 1_000_000));
    }
}
