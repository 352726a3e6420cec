package io.github.rcsoftphone.cli;

import org.slf4j.LoggerFactory;

/** A JVM for {@link LoggingProcessTest}: configures logging as {@link Main#main} does, then logs at each level. */
public final class LogProbe {

    private LogProbe() {
    }

    /** {@code args} as given to the CLI. */
    public static void main(String[] args) {
        LogSetup.configure(LogSetup.verboseRequested(args));
        LoggerFactory.getLogger(LogSetup.WIRE_LOGGER).debug("↑↑↑ REGISTER sip:sip.example SIP/2.0");
        LoggerFactory.getLogger("io.github.rcsoftphone.Softphone").info("project info");
        LoggerFactory.getLogger("io.github.rcsoftphone.Softphone").debug("project debug");
        LoggerFactory.getLogger("org.other.Library").info("other info");
        LoggerFactory.getLogger("org.other.Library").warn("other warn");
        System.out.println("stdout");
    }
}
