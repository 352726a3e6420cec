package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.cli.output.LiveScreen;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntConsumer;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code softphone} command's entry point. Everything but {@link #main} is usable in-process (tests). */
public final class Main {

    /** How long a signal waits for the running command to un-register and finish. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private Main() {
    }

    /** Configures logging, runs the command line with the real environment and exits with its code. */
    public static void main(String[] args) {
        LogSetup.configure(LogSetup.verboseRequested(args));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setOut(out);
        System.setErr(err);
        Runtime runtime = Runtime.getRuntime();
        Map<String, String> env = System.getenv();
        CliContext context = context(env, Path.of("").toAbsolutePath(), out, err, runtime::halt);
        if (LiveScreen.supported(System.console() != null, env)) {
            context = context.withScreen(LiveScreen.terminalColumns().orElse(LiveScreen.width(env)));
            System.setErr(context.err());
        }
        int code = run(args, context);
        out.flush();
        System.exit(code);
    }

    /**
     * Runs a command line in-process and returns its exit code. SIGINT/SIGTERM close a running softphone but, unlike
     * {@link #main}, do not choose the exit status.
     *
     * @param workDir where {@code .env} is read
     */
    public static int run(String[] args, Map<String, String> env, Path workDir, PrintStream out, PrintStream err) {
        return run(args, context(env, workDir, out, err, code -> { }));
    }

    /** Runs a command line with everything it touches given by {@code context}; returns the exit code. */
    public static int run(String[] args, CliContext context) {
        return commandLine(context).execute(args);
    }

    /** The configured picocli command line for {@code context}. */
    static CommandLine commandLine(CliContext context) {
        CommandLine cl = new CommandLine(new SoftphoneCommand(context));
        cl.setOut(new PrintWriter(context.out(), true));
        cl.setErr(new PrintWriter(context.err(), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        HelpSections.install(cl);
        cl.setParameterExceptionHandler(usageError(context.err()));
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            context.err().println("softphone: " + e);
            return ExitCodes.ERROR;
        });
        return cl;
    }

    private static CliContext context(Map<String, String> env, Path workDir, PrintStream out, PrintStream err,
            IntConsumer halt) {
        return new CliContext(env, workDir, out, err, Clock.systemUTC(), PhoneFactory.softphones(),
                new ShutdownHookStopSignal(halt, STOP_GRACE));
    }

    /** A bad command line: one message, a hint where to get help, exit code 2. */
    private static IParameterExceptionHandler usageError(PrintStream err) {
        return (ParameterException e, String[] args) -> {
            CommandLine cl = e.getCommandLine();
            err.println("softphone: " + e.getMessage());
            if (!UnmatchedArgumentException.printSuggestions(e, err)) {
                String path = cl.getCommandSpec().qualifiedName();
                err.println("Try '" + path + " --help' for more information.");
            }
            return ExitCodes.USAGE;
        };
    }
}
