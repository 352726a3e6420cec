package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.cli.output.LiveScreen;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code softphone}: the top-level command; holds the global options, which work before or after a subcommand. */
@Command(name = "softphone", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        subcommands = {DemoCommand.class, RegisterCommand.class, AnswerCommand.class, CallCommand.class, EdgeCommand.class,
            picocli.CommandLine.HelpCommand.class},
        description = "Makes this computer a RingCentral phone (SIP over WSS/TLS).",
        footerHeading = "%nExamples:%n",
        footer = {
            "  softphone demo                  a whole call on a local edge, no account",
            "  softphone register --once       check the SIP credentials and exit",
            "  softphone --json register       stay registered; one JSON object a line",
            "  softphone register --verbose    also log SIP messages to stderr",
            "  softphone answer --record rec   answer calls, record each to rec/<call-id>.wav",
            "  softphone help answer           the options of one command",
            "",
            "On a terminal a live status (registration, calls with state, codec, time and",
            "packets) is redrawn in place; otherwise, one line per event."})
public final class SoftphoneCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print one JSON object per line on stdout for every event.")
    private boolean json;

    /** How events are shown to a person. */
    enum View { AUTO, LIVE, PLAIN }

    @Option(names = "--view", scope = ScopeType.INHERIT, hidden = true, paramLabel = "auto|live|plain",
            description = "live: the status block redrawn in place; plain: one line per event; auto (default): live"
                    + " when stdout is a terminal.")
    private View view = View.AUTO;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "Log SIP messages to stderr (credentials redacted).")
    private boolean verbose;

    /** The command, running with {@code context}. */
    public SoftphoneCommand(CliContext context) {
        this.context = context;
    }

    /** The context the subcommand runs with: with the live screen or without, as {@code --json}/{@code --view} say. */
    CliContext context() {
        boolean live = !json && (view == View.LIVE || view == View.AUTO && context.screen().isPresent());
        return live ? context.withScreen(LiveScreen.width(context.env())) : context.withoutScreen();
    }

    boolean json() {
        return json;
    }

    boolean verbose() {
        return verbose;
    }

    /** Without a subcommand: the usage, on stderr, as a usage error. */
    @Override
    public Integer call() {
        context.err().println("softphone: a command is required, e.g. 'softphone register'");
        spec.commandLine().usage(context.err());
        return ExitCodes.USAGE;
    }
}
