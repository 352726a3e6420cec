package io.github.rcsoftphone.sip.transport;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/** Turns whatever a connect attempt threw into a {@link TransportException} of the right kind. */
final class Failures {
    private Failures() {
    }

    /**
     * @param error what the connect attempt threw
     * @param remote e.g. {@code tls://host:port}, for the message
     * @param tls the connection's certificate checking, or null for plain transports
     */
    static TransportException connectFailure(Throwable error, String remote, TlsVerification tls) {
        Throwable e = unwrap(error);
        if (e instanceof TransportException te) {
            return te;
        }
        String problem = tls == null ? null : tls.certificateProblem();
        if (problem != null) {
            return new TransportException(TransportException.Kind.TLS, problem, e);
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SSLException) {
                return new TransportException(TransportException.Kind.TLS,
                        "TLS handshake with " + remote + " failed: " + c.getMessage(), e);
            }
            if (c instanceof UnknownHostException) {
                return new TransportException(TransportException.Kind.UNREACHABLE, "unknown host in " + remote, e);
            }
            if (c instanceof ConnectException || c instanceof NoRouteToHostException
                    || c instanceof SocketTimeoutException) {
                return new TransportException(TransportException.Kind.UNREACHABLE,
                        "cannot connect to " + remote + ": " + describe(c), e);
            }
        }
        if (e instanceof IOException) {
            return new TransportException(TransportException.Kind.UNREACHABLE,
                    "cannot connect to " + remote + ": " + describe(e), e);
        }
        return new TransportException(TransportException.Kind.PROTOCOL,
                "connecting to " + remote + " failed: " + describe(e), e);
    }

    static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
