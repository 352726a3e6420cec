package io.github.rcsoftphone.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code softphone call TARGET}: registers, places one call, plays/records, hangs up. */
@Command(name = "call", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Registers and places one call.",
        description = {
            "Calls TARGET (a number such as +16505550100, an extension, or a",
            "sip: URI), plays FILE to the far end once it answers, records what",
            "the far end sends to a WAV file, and hangs up after S seconds or",
            "when the far end does. Exits 0 if the call was answered."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  softphone call +16505550100 --play hello.wav --seconds 10",
            "  softphone call 101 --record call.wav --codec PCMU --json",
            "  softphone call 101 --dtmf 1234# --seconds 5   keys for an IVR",
            "  (exit code 1 also when the call was not answered: busy, declined, no answer ...)"})
public final class CallCommand implements Callable<Integer>, ReadsSipSettings {

    @ParentCommand
    private SoftphoneCommand parent;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Number, extension or sip: URI to call.")
    private String target;

    @Option(names = "--play", paramLabel = "FILE", description = "Play this WAV file once the far end answers.")
    private Path play;

    @Option(names = "--record", paramLabel = "FILE", description = "Record the far end's audio to this WAV file.")
    private Path record;

    @Option(names = "--seconds", paramLabel = "S",
            description = "Hang up S seconds after the answer (default: when the far end hangs up).")
    private Double seconds;

    @Option(names = "--codec", paramLabel = "C", description = "Only this codec: opus, PCMU or PCMA.")
    private String codec;

    @Option(names = "--dtmf", paramLabel = "DIGITS",
            description = "Send these keys (0-9, *, #, A-D) as RFC 4733 DTMF once the far end answers.")
    private String dtmf;

    @Override
    public Integer call() {
        return new CallRun(parent.context(), parent.json(), new CallRun.Options(target, play, record, seconds, codec, dtmf))
                .run();
    }
}
