package io.github.rcsoftphone.media.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.tls.DatagramTransport;
import org.bouncycastle.tls.UDPTransport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our DTLS-SRTP against OpenSSL ({@code s_server} / {@code s_client -dtls1_2 -use_srtp}) over loopback without ICE:
 * both sides must agree on the profile and export byte-identical SRTP keying material. Skipped without openssl.
 */
class OpenSslDtlsInteropTest {
    private static final String LABEL = "EXTRACTOR-dtls_srtp";
    @TempDir
    Path dir;
    private Process openssl;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> transcript = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (openssl != null) {
            openssl.destroy();
            if (!openssl.waitFor(5, TimeUnit.SECONDS)) {
                openssl.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void our_client_against_openssl_s_server() throws Exception {
        String fingerprint = opensslCertificate();
        int port = freeUdpPort();
        launch("s_server", "-dtls1_2", "-use_srtp", "SRTP_AES128_CM_SHA1_80", "-cert", "cert.pem", "-key", "key.pem",
                "-accept", Integer.toString(port), "-verify", "1", "-keymatexport", LABEL, "-keymatexportlen", "60");
        await("ACCEPT");
        DtlsIdentity ours = DtlsIdentity.generate();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.connect(new InetSocketAddress("127.0.0.1", port));
            DtlsSrtpSession s = DtlsSrtpSession.handshake(DtlsRole.CLIENT, ours, "sha-256", fingerprint,
                    new UDPTransport(socket, 1500), Duration.ofSeconds(10));
            assertThat(s.keys().profile()).isEqualTo(SrtpProfile.AES128_CM_HMAC_SHA1_80);
            String material = await("Keying material:").replaceAll(".*Keying material:\\s*", "").trim();
            assertThat(material).isEqualToIgnoringCase(exported(s.keys(), true));
            s.close();
        }
    }

    @Test
    void openssl_s_client_against_our_server() throws Exception {
        opensslCertificate();
        String clientFingerprint = fingerprintOf(dir.resolve("cert.pem"));
        DtlsIdentity ours = DtlsIdentity.generate();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            launch("s_client", "-dtls1_2", "-use_srtp", "SRTP_AES128_CM_SHA1_80", "-cert", "cert.pem", "-key", "key.pem",
                    "-connect", "127.0.0.1:" + socket.getLocalPort(), "-keymatexport", LABEL, "-keymatexportlen", "60");
            DtlsSrtpSession s = DtlsSrtpSession.handshake(DtlsRole.SERVER, ours, "sha-256", clientFingerprint,
                    new LatchingTransport(socket), Duration.ofSeconds(10));
            assertThat(s.keys().profile()).isEqualTo(SrtpProfile.AES128_CM_HMAC_SHA1_80);
            String material = await("Keying material:").replaceAll(".*Keying material:\\s*", "").trim();
            assertThat(material).isEqualToIgnoringCase(exported(s.keys(), false));
            s.close();
        }
    }

    /** client_key | server_key | client_salt | server_salt. */
    private static String exported(SrtpKeys k, boolean weAreClient) {
        HexFormat h = HexFormat.of();
        return weAreClient
                ? h.formatHex(k.localKey()) + h.formatHex(k.remoteKey()) + h.formatHex(k.localSalt()) + h.formatHex(k.remoteSalt())
                : h.formatHex(k.remoteKey()) + h.formatHex(k.localKey()) + h.formatHex(k.remoteSalt()) + h.formatHex(k.localSalt());
    }

    private String opensslCertificate() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-subj", "/CN=openssl",
                "-days", "1").directory(dir.toFile()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        return fingerprintOf(dir.resolve("cert.pem"));
    }

    private static String fingerprintOf(Path pem) throws Exception {
        byte[] der = CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(pem))).getEncoded();
        return DtlsIdentity.fingerprint("sha-256", der);
    }

    private void launch(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        openssl = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(openssl.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // process ended
            }
        }, "openssl-output");
        reader.setDaemon(true);
        reader.start();
    }

    private String await(String marker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                transcript.add(line);
                if (line.contains(marker)) {
                    return line;
                }
            }
        }
        throw new AssertionError("openssl never printed '" + marker + "'; output: " + String.join("\n", transcript));
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }

    /** A server-side transport over an unconnected socket: answers whoever sent the first datagram. */
    private static final class LatchingTransport implements DatagramTransport {
        private final DatagramSocket socket;
        private volatile InetSocketAddress peer;

        LatchingTransport(DatagramSocket socket) {
            this.socket = socket;
        }

        @Override public int getReceiveLimit() { return 1500; }
        @Override public int getSendLimit() { return 1200; }

        @Override
        public int receive(byte[] buf, int off, int len, int waitMillis) throws IOException {
            socket.setSoTimeout(Math.max(1, waitMillis));
            DatagramPacket p = new DatagramPacket(buf, off, len);
            try {
                socket.receive(p);
            } catch (java.net.SocketTimeoutException e) {
                return -1;
            }
            if (peer == null) {
                peer = (InetSocketAddress) p.getSocketAddress();
            }
            return p.getLength();
        }

        @Override
        public void send(byte[] buf, int off, int len) throws IOException {
            socket.send(new DatagramPacket(buf, off, len, peer));
        }

        @Override
        public void close() {
            // the test closes the socket
        }
    }
}
