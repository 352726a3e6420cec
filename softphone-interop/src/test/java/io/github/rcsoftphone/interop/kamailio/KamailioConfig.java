package io.github.rcsoftphone.interop.kamailio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes {@code kamailio.cfg} (from the {@code kamailio/kamailio.cfg.template} test resource) and {@code tls.cfg}
 * for one server into its directory.
 */
final class KamailioConfig {

    private static final Pattern TOKEN = Pattern.compile("@@([A-Z_]+)@@");
    private static final List<String> MODULE_DIRS = List.of("/usr/lib/x86_64-linux-gnu/kamailio/modules",
            "/usr/lib/aarch64-linux-gnu/kamailio/modules", "/usr/lib64/kamailio/modules", "/usr/lib/kamailio/modules",
            "/usr/local/lib64/kamailio/modules", "/usr/local/lib/kamailio/modules");

    private KamailioConfig() {
    }

    /** Writes both files; returns the path of {@code kamailio.cfg}. */
    static Path write(Path dir, KamailioOptions options, TestCertificates certs, Path ctlSocket) throws IOException {
        Path tls = dir.resolve("tls.cfg");
        Files.writeString(tls, tlsConfig(certs));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("DOMAIN", options.domain());
        values.put("HOST", options.host());
        values.put("SIP_PORT", Integer.toString(options.ports().sip()));
        values.put("TLS_PORT", Integer.toString(options.ports().tls()));
        values.put("WS_PORT", Integer.toString(options.ports().ws()));
        values.put("WSS_PORT", Integer.toString(options.ports().wss()));
        values.put("MODULE_PATH", moduleDir() + "/");
        values.put("CTL_SOCKET", ctlSocket.toString());
        values.put("TLS_CONFIG", tls.toString());
        values.put("MAX_EXPIRES", Integer.toString(options.maxExpires()));
        values.put("MIN_EXPIRES", Integer.toString(options.minExpires()));
        values.put("DEFAULT_EXPIRES", Integer.toString(options.maxExpires()));
        values.put("AUTH_FLAGS", options.digestQop() ? "1" : "0");
        values.put("USERS", users(options));
        values.put("DEFINES", options.mediaRelay() ? "#!define WITH_RTPENGINE" : "");
        values.put("RTPENGINE_SOCK", options.mediaRelay() ? options.rtpengine() : "udp:127.0.0.1:2223");
        MediaFlags.put(values, options.calleeCodecs());
        Path cfg = dir.resolve("kamailio.cfg");
        Files.writeString(cfg, render(template(), values));
        return cfg;
    }

    /** Replaces every {@code @@NAME@@}; an unknown name is an error. */
    static String render(String template, Map<String, String> values) {
        Matcher m = TOKEN.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalArgumentException("no value for @@" + m.group(1) + "@@");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The directory holding Kamailio's modules ({@code KAMAILIO_MODULES} overrides). */
    static String moduleDir() {
        String env = System.getenv("KAMAILIO_MODULES");
        if (env != null && !env.isBlank()) {
            return env;
        }
        return MODULE_DIRS.stream().filter(d -> Files.isRegularFile(Path.of(d, "tm.so"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("Kamailio modules not found in " + MODULE_DIRS
                        + " (run .ci/run, which installs kamailio)"));
    }

    private static String users(KamailioOptions options) {
        StringBuilder b = new StringBuilder();
        options.users().forEach((authId, u) -> b
                .append("\t$sht(pw=>").append(authId).append(") = \"").append(u.password()).append("\";\n")
                .append("\t$sht(owner=>").append(authId).append(") = \"").append(u.sipUser()).append("\";\n")
                .append("\t$sht(subscriber=>").append(u.sipUser()).append(") = \"").append(authId).append("\";\n"));
        return b.toString().stripTrailing();
    }

    private static String tlsConfig(TestCertificates certs) {
        return "[server:default]\n"
                + "method = TLSv1.2+\n"
                + "verify_certificate = no\n"
                + "require_certificate = no\n"
                + "private_key = " + certs.serverKey() + "\n"
                + "certificate = " + certs.serverCertificate() + "\n\n"
                + "[client:default]\n"
                + "method = TLSv1.2+\n"
                + "verify_certificate = no\n"
                + "require_certificate = no\n";
    }

    private static String template() {
        try (InputStream in = KamailioConfig.class.getResourceAsStream("/kamailio/kamailio.cfg.template")) {
            if (in == null) {
                throw new IllegalStateException("test resource kamailio/kamailio.cfg.template is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
