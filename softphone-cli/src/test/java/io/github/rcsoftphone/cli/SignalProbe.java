package io.github.rcsoftphone.cli;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/** A JVM for {@link SignalTest}: {@code register} against a fake phone, wired to signals exactly as {@link Main#main}. */
public final class SignalProbe {

    private SignalProbe() {
    }

    /** Runs the given command line; its exit status comes from the shutdown hook when signalled. */
    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Runtime runtime = Runtime.getRuntime();
        CliContext context = new CliContext(System.getenv(), Path.of("").toAbsolutePath(), out, System.err,
                Clock.systemUTC(), (info, tls, listener, ua, codecs) -> new FakePhone(listener, p -> p.registered(60)),
                new ShutdownHookStopSignal(runtime::halt, Main.STOP_GRACE));
        Main.run(args, context);
    }
}
