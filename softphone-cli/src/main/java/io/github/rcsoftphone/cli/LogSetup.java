package io.github.rcsoftphone.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configures slf4j-simple through its system properties; must run before the first logger is created. Warnings
 * only, except the project's own info messages; with {@code --verbose} the SIP wire log
 * ({@code io.github.rcsoftphone.sip.wire}) at debug. Everything goes to stderr, so stdout stays clean for
 * {@code --json}. A property already set (e.g. with {@code -D}) is left alone.
 */
final class LogSetup {

    static final String PREFIX = "org.slf4j.simpleLogger.";
    static final String WIRE_LOGGER = "io.github.rcsoftphone.sip.wire";
    static final String EDGE_LOGGER = "io.github.rcsoftphone.edge";
    /** jitsi-srtp logs through java.util.logging; held here because JUL keeps loggers only weakly. */
    private static final java.util.logging.Logger JITSI = java.util.logging.Logger.getLogger("org.jitsi");

    private LogSetup() {
    }

    /** True when {@code args} ask for {@code --verbose} (or {@code -v}) before any {@code --}. */
    static boolean verboseRequested(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--verbose") || a.equals("-v")) {
                return true;
            }
        }
        return false;
    }

    /** The slf4j-simple settings for the given verbosity. */
    static Map<String, String> properties(boolean verbose) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(PREFIX + "logFile", "System.err");
        p.put(PREFIX + "defaultLogLevel", "warn");
        p.put(PREFIX + "log.io.github.rcsoftphone", "info");
        p.put(PREFIX + "log." + EDGE_LOGGER, verbose ? "info" : "warn"); // the demo and `edge` print their own lines
        if (verbose) {
            p.put(PREFIX + "log." + WIRE_LOGGER, "debug");
            p.put(PREFIX + "log." + EDGE_LOGGER + ".wire", "debug");
        }
        p.put(PREFIX + "showDateTime", "true");
        p.put(PREFIX + "dateTimeFormat", "HH:mm:ss.SSS");
        p.put(PREFIX + "showThreadName", "false");
        p.put(PREFIX + "showLogName", "false");
        p.put(PREFIX + "showShortLogName", "true");
        return p;
    }

    /** Applies {@link #properties} as system properties, keeping any already set. */
    static void configure(boolean verbose) {
        if (!verbose) {
            JITSI.setLevel(java.util.logging.Level.WARNING); // its library banners are not for the user
        }
        properties(verbose).forEach((k, v) -> {
            if (System.getProperty(k) == null) {
                System.setProperty(k, v);
            }
        });
    }
}
