package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.cli.output.EventPrinter;
import io.github.rcsoftphone.cli.output.LiveCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * One run of {@code softphone answer}. Like {@link RegisterRun}, everything that happens feeds one queue that the
 * command's thread alone drains, so output lines never interleave.
 */
final class AnswerRun {

    /** The command's options; nulls mean "not given". */
    record Options(Path recordDir, Path play, Integer calls, String codec, String dtmf) {
    }

    private final CliContext context;
    private final boolean json;
    private final Options options;
    private final RunQueue queue = new RunQueue();

    AnswerRun(CliContext context, boolean json, Options options) {
        this.context = context;
        this.json = json;
        this.options = options;
    }

    int run() {
        RunSettings settings;
        List<String> codecs;
        Path recordDir;
        Path play;
        try {
            settings = RunSettings.load(context);
            codecs = OptionValues.codecs(options.codec());
            recordDir = options.recordDir() == null ? null : context.workDir().resolve(options.recordDir());
            if (recordDir != null) {
                Files.createDirectories(recordDir);
            }
            play = OptionValues.playFile(context, options.play());
            if (options.calls() != null && options.calls() < 1) {
                throw new ConfigurationException("--calls must be at least 1");
            }
            OptionValues.dtmf(options.dtmf());
        } catch (ConfigurationException e) {
            context.err().println("softphone: " + e.getMessage());
            return e.exitCode();
        } catch (IOException e) {
            context.err().println("softphone: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        return PhoneRun.run(context, json, settings, codecs, queue::event, queue::stop,
                (phone, printer) -> phone.onIncomingCall(call -> take(call, printer, recordDir, play)),
                this::loop, queue::drain);
    }

    private void take(Call call, EventPrinter printer, Path recordDir, Path play) {
        printer.watch(LiveCall.of(call));
        try {
            if (recordDir != null) {
                call.record(recordDir.resolve(OptionValues.recordingName(call.id())));
            }
            if (play != null) {
                call.play(play);
            }
        } catch (IOException e) {
            context.err().println("softphone: call " + call.id() + ": " + e.getMessage());
        }
        call.answer().thenRun(() -> OptionValues.sendDtmf(call, options.dtmf(), context.err()));
    }

    private int loop(Phone phone, EventPrinter printer) throws InterruptedException {
        queue.register(phone);
        int ended = 0;
        while (true) {
            RunQueue.Item item = queue.take();
            if (item instanceof RunQueue.Event e) {
                OptionalInt failed = RunQueue.show(e.event(), printer, json, context.err());
                if (failed.isPresent()) {
                    return failed.getAsInt();
                }
                if (e.event() instanceof SoftphoneEvent.Ended) {
                    ended++;
                    if (options.calls() != null && ended >= options.calls()) {
                        return ExitCodes.OK;
                    }
                }
            } else if (item instanceof RunQueue.RegisterFailed f) {
                return Failure.of(f.failure()).report(context.err());
            } else {
                return ExitCodes.OK;
            }
        }
    }
}
