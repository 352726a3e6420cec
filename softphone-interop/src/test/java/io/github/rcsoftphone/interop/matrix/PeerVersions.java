package io.github.rcsoftphone.interop.matrix;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The versions of the real peers on this machine, as their own programs (or dpkg) report them. */
final class PeerVersions {
    private PeerVersions() {
    }

    /** Peer name to version (or "not installed"), in the report's order. */
    static Map<String, String> probe() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("Kamailio", first(List.of("kamailio", "-v"), "version: kamailio ([^\\s]+)", "kamailio"));
        v.put("rtpengine", first(List.of("rtpengine", "--version"), "Version: ([^\\s]+)", "rtpengine-daemon"));
        v.put("sipp", first(List.of("sipp", "-v"), "SIPp (v[^ ,-]+)", "sip-tester"));
        v.put("baresip", first(List.of("baresip", "-h"), "baresip v?([0-9][^\\s]*)", "baresip"));
        v.put("linphonec", first(List.of("linphonec", "--version"), "([0-9]+\\.[0-9]+[^\\s]*)", "linphone-cli"));
        v.put("Chromium", first(List.of("chromium", "--version"), "Chromium ([0-9.]+)", "chromium"));
        v.put("node", first(List.of("node", "--version"), "v([0-9.]+)", "nodejs"));
        v.put("Java", System.getProperty("java.version"));
        return v;
    }

    /** The first match of {@code pattern} in the command's output, else dpkg's version of {@code pkg}. */
    private static String first(List<String> command, String pattern, String pkg) {
        Matcher m = Pattern.compile(pattern).matcher(run(command));
        if (m.find()) {
            return m.group(1);
        }
        String dpkg = run(List.of("dpkg-query", "-W", "-f=${Version}", pkg)).trim();
        return dpkg.isEmpty() || dpkg.contains("no packages") ? "not installed" : dpkg + " (dpkg)";
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readNBytes(64 * 1024);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
