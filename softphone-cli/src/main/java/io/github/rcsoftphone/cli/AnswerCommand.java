package io.github.rcsoftphone.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code softphone answer}: registers, answers incoming calls, records and plays. */
@Command(name = "answer", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Registers and answers incoming calls.",
        description = {
            "Answers every incoming call, records the caller's audio to",
            "DIR/<call-id>.wav (characters other than letters, digits, '.', '_'",
            "and '-' in the Call-ID become '_') and plays FILE to the caller.",
            "Exits 0 after N calls have ended (default: runs until Ctrl-C)."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  softphone answer --record recordings --calls 1",
            "  softphone answer --play hello.wav --codec PCMU --json",
            "  softphone answer --dtmf 159# --calls 1",
            "  softphone answer --calls 1 --verbose   also log the SIP messages"})
public final class AnswerCommand implements Callable<Integer>, ReadsSipSettings {

    @ParentCommand
    private SoftphoneCommand parent;

    @Option(names = "--record", paramLabel = "DIR", description = "Record each call's received audio into DIR.")
    private Path record;

    @Option(names = "--play", paramLabel = "FILE", description = "Play this WAV file to each caller.")
    private Path play;

    @Option(names = "--calls", paramLabel = "N", description = "Exit after N calls have ended.")
    private Integer calls;

    @Option(names = "--codec", paramLabel = "C", description = "Only this codec: opus, PCMU or PCMA.")
    private String codec;

    @Option(names = "--dtmf", paramLabel = "DIGITS",
            description = "Send these keys (0-9, *, #, A-D) as RFC 4733 DTMF once each call is answered.")
    private String dtmf;

    @Override
    public Integer call() {
        return new AnswerRun(parent.context(), parent.json(), new AnswerRun.Options(record, play, calls, codec, dtmf)).run();
    }
}
