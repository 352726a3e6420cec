package io.github.rcsoftphone.media.secure;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DTLSTransport;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.crypto.impl.bc.BcTlsCrypto;

/**
 * One DTLS-SRTP association (RFC 5763/5764) over any {@link DatagramTransport}: handshake in the given role, check the
 * peer certificate against the SDP fingerprint, export SRTP keys. {@link WebRtcTransport} runs it over its ICE-selected
 * path; tests run it over a plain {@code DatagramSocket} (BouncyCastle's {@code UDPTransport}) against OpenSSL.
 */
public final class DtlsSrtpSession implements AutoCloseable {
    private final DTLSTransport transport;
    private final SrtpKeys keys;
    private final String peerFingerprint;

    private DtlsSrtpSession(DTLSTransport transport, SrtpKeys keys, String peerFingerprint) {
        this.transport = transport;
        this.keys = keys;
        this.peerFingerprint = peerFingerprint;
    }

    /**
     * Runs the handshake (blocking, at most {@code timeout}).
     *
     * @throws MediaSecurityException FINGERPRINT_MISMATCH when the peer's certificate does not match, DTLS_FAILED
     *                                for any other handshake failure (message says which)
     */
    public static DtlsSrtpSession handshake(DtlsRole role, DtlsIdentity identity, String remoteFingerprintAlgorithm,
                                            String remoteFingerprint, DatagramTransport datagrams, Duration timeout)
            throws MediaSecurityException {
        Objects.requireNonNull(role, "role");
        DtlsPeers.Shared shared = new DtlsPeers.Shared(new BcTlsCrypto(new SecureRandom()), identity,
                remoteFingerprintAlgorithm, remoteFingerprint, (int) Math.max(1, timeout.toMillis()));
        DTLSTransport dtls;
        try {
            dtls = role == DtlsRole.CLIENT
                    ? new DTLSClientProtocol().connect(new DtlsPeers.Client(shared), datagrams)
                    : new DTLSServerProtocol().accept(new DtlsPeers.Server(shared), datagrams);
        } catch (IOException | RuntimeException e) {
            if (shared.fingerprintMismatch != null) {
                throw new MediaSecurityException(MediaSecurityException.Reason.FINGERPRINT_MISMATCH,
                        shared.fingerprintMismatch, e);
            }
            String what = e instanceof TlsFatalAlertReceived ? "peer sent alert: " + e.getMessage()
                    : e instanceof InterruptedIOException ? "handshake timed out or was interrupted" : String.valueOf(e);
            throw new MediaSecurityException(MediaSecurityException.Reason.DTLS_FAILED,
                    "DTLS 1.2 handshake as " + role + " failed: " + what, e);
        }
        if (shared.keyingMaterial == null || shared.profile == null) {
            throw new MediaSecurityException(MediaSecurityException.Reason.DTLS_FAILED,
                    "DTLS handshake as " + role + " finished without an SRTP profile");
        }
        SrtpKeys keys = SrtpKeys.fromDtlsExport(shared.profile, shared.keyingMaterial, role == DtlsRole.CLIENT);
        return new DtlsSrtpSession(dtls, keys, shared.peerFingerprint);
    }

    /** The SRTP master keys exported from this association (RFC 5764 4.2). */
    public SrtpKeys keys() {
        return keys;
    }

    /** The fingerprint of the peer's certificate, in the algorithm the SDP used. */
    public String peerFingerprint() {
        return peerFingerprint;
    }

    /**
     * Processes incoming DTLS records (a retransmitted final flight, alerts) for up to {@code waitMillis}.
     *
     * @return false once the association is closed (close_notify received or transport closed)
     */
    public boolean serviceIncoming(int waitMillis) {
        byte[] buf = new byte[2048];
        long t0 = System.nanoTime();
        try {
            int n = transport.receive(buf, 0, buf.length, waitMillis);
            // a closed association answers -1 at once instead of waiting: report it rather than spin
            return n >= 0 || System.nanoTime() - t0 >= waitMillis * 500_000L;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Processes the records already queued on a transport in non-blocking mode (see {@code QueueDatagramTransport}):
     * answers a retransmitted final flight, takes alerts; application data is dropped. Never waits.
     *
     * @return false once the association is closed (close_notify or a fatal alert received, transport closed)
     */
    boolean servicePending() {
        byte[] buf = new byte[2048];
        for (int i = 0; i < 64; i++) {
            try {
                transport.receive(buf, 0, buf.length, 1);
            } catch (InterruptedIOException e) {
                return true;   // nothing more queued
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** Sends close_notify and closes the underlying datagram transport. */
    @Override
    public void close() {
        try {
            transport.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
