package io.github.rcsoftphone.interop.kamailio;

import io.github.rcsoftphone.interop.support.ExternalCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A throw-away test CA and a server certificate signed by it, made with the {@code openssl} CLI (so the harness does
 * not depend on the project's own crypto code). EC P-256 keys: fast to generate.
 *
 * @param caCertificate PEM of the CA that clients trust
 * @param serverCertificate PEM of the server certificate
 * @param serverKey PEM of the server's private key
 */
public record TestCertificates(Path caCertificate, Path serverCertificate, Path serverKey) {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Writes {@code ca.pem}, {@code server.pem} and {@code server.key} into {@code dir}. */
    public static TestCertificates create(Path dir, List<String> hosts) throws IOException {
        String openssl = ExternalCommand.executable("openssl");
        Path caKey = dir.resolve("ca.key");
        Path ca = dir.resolve("ca.pem");
        Path key = dir.resolve("server.key");
        Path csr = dir.resolve("server.csr");
        Path cert = dir.resolve("server.pem");
        Path ext = dir.resolve("server.ext");
        List<String> ec = List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes");

        run(dir, concat(List.of(openssl, "req", "-x509"), ec, List.of("-keyout", caKey.toString(), "-out", ca.toString(),
                "-days", "2", "-subj", "/O=rcsoftphone interop/CN=Interop Test CA",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")));
        run(dir, concat(List.of(openssl, "req"), ec, List.of("-keyout", key.toString(), "-out", csr.toString(),
                "-subj", "/O=rcsoftphone interop/CN=" + hosts.get(0))));
        Files.writeString(ext, "subjectAltName=" + subjectAltNames(hosts) + "\n"
                + "basicConstraints=critical,CA:FALSE\n"
                + "keyUsage=critical,digitalSignature,keyEncipherment\n"
                + "extendedKeyUsage=serverAuth\n");
        run(dir, List.of(openssl, "x509", "-req", "-in", csr.toString(), "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-out", cert.toString(), "-days", "2", "-extfile", ext.toString()));
        return new TestCertificates(ca, cert, key);
    }

    /** {@code IP:127.0.0.1,DNS:localhost} for the given hosts. */
    static String subjectAltNames(List<String> hosts) {
        return hosts.stream().map(h -> (isIpLiteral(h) ? "IP:" : "DNS:") + h).collect(Collectors.joining(","));
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static void run(Path dir, List<String> command) throws IOException {
        ExternalCommand.run(dir, TIMEOUT, command).orThrow();
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        return java.util.stream.Stream.of(a, b, c).flatMap(List::stream).toList();
    }
}
