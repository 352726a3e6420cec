package io.github.rcsoftphone.interop.kamailio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Starts Kamailio servers for a test and stops them (also when the test fails), adding each server's log tail to a
 * failing test's exception.
 *
 * <p>On a {@code static} field a server with the given options starts before all tests of the class and stops after
 * them. On an instance field, servers started with {@link #start(KamailioOptions)} stop after each test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KamailioExtension KAMAILIO = new KamailioExtension(KamailioOptions.defaults());
 * ... KAMAILIO.server().outboundProxy(TransportKind.WSS) ...
 * }</pre>
 */
public final class KamailioExtension implements BeforeAllCallback, AfterAllCallback, AfterEachCallback,
        TestExecutionExceptionHandler {

    private final KamailioOptions classOptions;
    private final List<KamailioServer> servers = new ArrayList<>();
    private boolean classScoped;

    /** Servers are started by the test with {@link #start(KamailioOptions)}. */
    public KamailioExtension() {
        this(null);
    }

    /** On a static field: one server with {@code options} for the whole class. */
    public KamailioExtension(KamailioOptions options) {
        this.classOptions = options;
    }

    /** Starts a server that this extension stops. */
    public synchronized KamailioServer start(KamailioOptions options) {
        try {
            KamailioServer server = KamailioServer.start(options);
            servers.add(server);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first server started (the class's server on a static field). */
    public synchronized KamailioServer server() {
        if (servers.isEmpty()) {
            throw new IllegalStateException("no Kamailio started");
        }
        return servers.get(0);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        classScoped = true;
        if (classOptions != null) {
            start(classOptions);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (!classScoped) {
            closeAll();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        closeAll();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        List<KamailioServer> copy;
        synchronized (this) {
            copy = List.copyOf(servers);
        }
        for (KamailioServer s : copy) {
            throwable.addSuppressed(new KamailioLogTail(s.describe()));
        }
        throw throwable;
    }

    private void closeAll() throws IOException {
        List<KamailioServer> copy;
        synchronized (this) {
            copy = List.copyOf(servers);
            servers.clear();
        }
        IOException first = null;
        for (KamailioServer s : copy) {
            try {
                s.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Carries a server's log tail into a failed test's report. */
    static final class KamailioLogTail extends RuntimeException {
        private static final long serialVersionUID = 1L;

        KamailioLogTail(String text) {
            super(text, null, false, false);
        }
    }
}
