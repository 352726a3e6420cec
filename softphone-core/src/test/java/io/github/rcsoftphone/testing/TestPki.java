package io.github.rcsoftphone.testing;

import io.github.rcsoftphone.sip.transport.LocalPki;
import java.nio.file.Path;

/**
 * The throw-away PKI of the tests: {@link LocalPki} (main code, also used by the embedded edge).
 * {@code TestPki.create(dir).issue("localhost", "127.0.0.1").serverContext()}.
 */
public final class TestPki {

    private TestPki() {
    }

    /** Creates a CA and writes {@code ca.pem} into {@code dir}. */
    public static LocalPki create(Path dir) {
        return LocalPki.create(dir);
    }
}
