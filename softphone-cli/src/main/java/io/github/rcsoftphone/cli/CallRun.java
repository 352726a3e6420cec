package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.cli.output.EventPrinter;
import io.github.rcsoftphone.cli.output.LiveCall;
import io.github.rcsoftphone.cli.output.PlainEventPrinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * One run of {@code softphone call}. As in {@link AnswerRun}, everything that happens feeds one queue that the
 * command's thread alone drains; the hang-up after {@code --seconds} is that thread's poll running out.
 */
final class CallRun {

    /** The command's options; nulls mean "not given". */
    record Options(String target, Path play, Path record, Double seconds, String codec, String dtmf) {
    }

    private final CliContext context;
    private final boolean json;
    private final Options options;
    private final RunQueue queue = new RunQueue();

    CallRun(CliContext context, boolean json, Options options) {
        this.context = context;
        this.json = json;
        this.options = options;
    }

    int run() {
        RunSettings settings;
        List<String> codecs;
        Path play;
        Path record;
        try {
            settings = RunSettings.load(context);
            codecs = OptionValues.codecs(options.codec());
            if (options.target() == null || options.target().isBlank()) {
                throw new ConfigurationException("TARGET must not be empty");
            }
            play = OptionValues.playFile(context, options.play());
            record = options.record() == null ? null : context.workDir().resolve(options.record());
            Path parent = record == null ? null : record.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new ConfigurationException("no such directory for --record: " + parent);
            }
            if (options.seconds() != null && !(options.seconds() > 0)) {
                throw new ConfigurationException("--seconds must be positive");
            }
            OptionValues.dtmf(options.dtmf());
        } catch (ConfigurationException e) {
            context.err().println("softphone: " + e.getMessage());
            return e.exitCode();
        }
        return PhoneRun.run(context, json, settings, codecs, queue::event, queue::stop, (phone, printer) -> { },
                (phone, printer) -> loop(phone, printer, play, record), queue::drain);
    }

    private int loop(Phone phone, EventPrinter printer, Path play, Path record) throws InterruptedException {
        queue.register(phone);
        Call call = null;
        boolean answered = false;
        long hangupAt = Long.MAX_VALUE;
        while (true) {
            long wait = hangupAt == Long.MAX_VALUE ? Long.MAX_VALUE : hangupAt - System.nanoTime();
            RunQueue.Item item = wait == Long.MAX_VALUE ? queue.take() : queue.poll(wait);
            if (item == null) {
                hangupAt = Long.MAX_VALUE;
                call.hangup();
                continue;
            }
            if (item instanceof RunQueue.RegisterFailed f) {
                return Failure.of(f.failure()).report(context.err());
            }
            if (item instanceof RunQueue.Stop) {
                return answered ? ExitCodes.OK : ExitCodes.ERROR;
            }
            SoftphoneEvent event = ((RunQueue.Event) item).event();
            OptionalInt failed = RunQueue.show(event, printer, json, context.err());
            if (failed.isPresent()) {
                return failed.getAsInt();
            }
            if (event instanceof SoftphoneEvent.Registered r && !r.refresh() && call == null) {
                call = place(phone, play, record);
                printer.watch(LiveCall.of(call));
            } else if (event instanceof SoftphoneEvent.Answered a && call != null && a.callId().equals(call.id())) {
                answered = true;
                if (options.dtmf() != null) {
                    OptionValues.sendDtmf(call, options.dtmf(), context.err());
                }
                if (options.seconds() != null) {
                    hangupAt = System.nanoTime() + (long) (options.seconds() * 1e9);
                }
            } else if (event instanceof SoftphoneEvent.Ended e && call != null && e.callId().equals(call.id())) {
                if (!answered) {
                    context.err().println("softphone: call not answered: "
                            + PlainEventPrinter.reasonName(e.reason()) + ": " + PlainEventPrinter.oneLine(e.detail()));
                    return ExitCodes.ERROR;
                }
                return ExitCodes.OK;
            }
        }
    }

    private Call place(Phone phone, Path play, Path record) {
        Call call = phone.call(options.target());
        try {
            if (record != null) {
                call.record(record);
            }
            if (play != null) {
                call.play(play);
            }
        } catch (IOException e) {
            context.err().println("softphone: call " + call.id() + ": " + e.getMessage());
        }
        return call;
    }
}
