package io.github.rcsoftphone.sip.transaction;

import io.github.rcsoftphone.sip.auth.Redactor;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs SIP traffic at DEBUG on {@value #LOGGER}, the way the article does: {@code ↑↑↑} before what we send,
 * {@code ↓↓↓} before what we receive, digest responses redacted. Nothing is formatted unless DEBUG is on.
 */
public final class WireLog {
    /** The logger name; {@code softphone --verbose} turns it to DEBUG. */
    public static final String LOGGER = "io.github.rcsoftphone.sip.wire";

    private final Logger log;
    private final String peer;

    public WireLog(String peer) {
        this(LOGGER, peer);
    }

    /** Logs on {@code loggerName} instead (the embedded edge logs its side of the traffic separately). */
    public WireLog(String loggerName, String peer) {
        this.log = LoggerFactory.getLogger(loggerName);
        this.peer = peer;
    }

    public void outgoing(byte[] message) {
        if (log.isDebugEnabled()) {
            log.debug("↑↑↑ {}\n{}", peer, Redactor.redact(new String(message, StandardCharsets.UTF_8)));
        }
    }

    public void incoming(byte[] message) {
        if (log.isDebugEnabled()) {
            log.debug("↓↓↓ {}\n{}", peer, Redactor.redact(new String(message, StandardCharsets.UTF_8)));
        }
    }
}
