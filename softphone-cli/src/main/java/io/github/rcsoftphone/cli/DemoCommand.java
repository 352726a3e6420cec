package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.cli.demo.DemoRun;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code softphone demo}: the softphone end to end on the embedded local edge, no account needed. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Shows a whole call on a local SIP edge, with no RingCentral account.",
        description = {
            "Starts the embedded SIP edge on free loopback ports, registers the",
            "softphone to it, has a second built-in phone call it and play a tone",
            "(or FILE), answers, records, hangs up, and checks that the recording",
            "holds what was sent. Prints what happened and where the WAV is.",
            "Needs no configuration; SIP_INFO_* and .env are not read."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  softphone demo                        WSS: WebRTC media (ICE, DTLS-SRTP)",
            "  softphone demo --transport TLS        TLS: SRTP keyed by SDES",
            "  softphone demo --codec PCMU --tone 1000 --seconds 2 --record calls",
            "  softphone --json demo                 one JSON object a line, then the result"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.LIST_0, "1:the recording does not hold what was sent, or a step failed",
            ExitCodes.LIST_2})
public final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    private SoftphoneCommand parent;

    @Option(names = "--transport", paramLabel = "T", defaultValue = "WSS",
            description = "WSS (default) or TLS.")
    private String transport;

    @Option(names = "--tone", paramLabel = "HZ", defaultValue = "440",
            description = "The caller's tone in Hz (default 440).")
    private double tone;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "3",
            description = "How long the caller plays before hanging up (default 3).")
    private double seconds;

    @Option(names = "--play", paramLabel = "FILE", description = "The caller plays this WAV file instead of a tone.")
    private Path play;

    @Option(names = "--record", paramLabel = "DIR",
            description = "Where the recording goes (default: a new directory under the system's temp dir).")
    private Path record;

    @Option(names = "--codec", paramLabel = "C", description = "Only this codec: opus, PCMU or PCMA.")
    private String codec;

    @Override
    public Integer call() {
        CliContext context = parent.context();
        DemoRun.Options options;
        try {
            options = options(context);
        } catch (ConfigurationException e) {
            context.err().println("softphone: " + e.getMessage());
            return e.exitCode();
        } catch (IOException e) {
            context.err().println("softphone: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try {
            DemoRun.Result result = new DemoRun(context.out(), parent.json(), context.clock(), options).run();
            return result.passed() ? ExitCodes.OK : ExitCodes.ERROR;
        } catch (IOException e) {
            context.err().println("softphone: demo: " + e.getMessage());
            return ExitCodes.ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.err().println("softphone: interrupted");
            return ExitCodes.ERROR;
        }
    }

    private DemoRun.Options options(CliContext context) throws ConfigurationException, IOException {
        TransportKind kind = switch (transport.trim().toUpperCase(Locale.ROOT)) {
            case "WSS" -> TransportKind.WSS;
            case "TLS" -> TransportKind.TLS;
            default -> throw new ConfigurationException("unknown --transport '" + transport + "' (expected WSS or TLS)");
        };
        if (!(seconds >= 0.5 && seconds <= 60)) {
            throw new ConfigurationException("--seconds must be between 0.5 and 60");
        }
        if (!(tone >= 100 && tone <= 3400)) {
            throw new ConfigurationException("--tone must be between 100 and 3400 Hz (what every codec carries)");
        }
        Path file = OptionValues.playFile(context, play);
        Path dir = record != null ? context.workDir().resolve(record)
                : Files.createTempDirectory("softphone-demo-");
        List<String> codecs = OptionValues.codecs(codec);
        return new DemoRun.Options(kind, tone, seconds, file, dir, codecs);
    }
}
