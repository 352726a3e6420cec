package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.SoftphoneEvent.RegistrationFailed;
import io.github.rcsoftphone.cli.output.EventPrinter;
import io.github.rcsoftphone.cli.output.LiveCall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

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
            codecs = codecs(options.codec());
            recordDir = options.recordDir() == null ? null : context.workDir().resolve(options.recordDir());
            if (recordDir != null) {
                Files.createDirectories(recordDir);
            }
            play = options.play() == null ? null : context.workDir().resolve(options.play());
            if (play != null && !Files.isReadable(play)) {
                throw new ConfigurationException("cannot read --play file " + play);
            }
            if (options.calls() != null && options.calls() < 1) {
                throw new ConfigurationException("--calls must be at least 1");
            }
            dtmf(options.dtmf());
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
                call.record(recordDir.resolve(fileName(call.id()) + ".wav"));
            }
            if (play != null) {
                call.play(play);
            }
        } catch (IOException e) {
            context.err().println("softphone: call " + call.id() + ": " + e.getMessage());
        }
        call.answer().thenRun(() -> sendDtmf(call, options.dtmf(), context.err()));
    }

    /** Sends {@code digits} (if any) in {@code call}; a failure is reported on stderr. */
    static void sendDtmf(Call call, String digits, java.io.PrintStream err) {
        if (digits != null) {
            call.sendDtmf(digits).whenComplete((v, e) -> {
                if (e != null) {
                    err.println("softphone: call " + call.id() + ": DTMF not sent: "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
                }
            });
        }
    }

    /** Checks a {@code --dtmf} value: null (not given) or DTMF keys. */
    static String dtmf(String digits) throws ConfigurationException {
        try {
            return digits == null ? null : io.github.rcsoftphone.DtmfOptions.requireDigits(digits);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--dtmf: " + e.getMessage());
        }
    }

    private int loop(Phone phone, EventPrinter printer) throws InterruptedException {
        queue.register(phone);
        int ended = 0;
        while (true) {
            RunQueue.Item item = queue.take();
            if (item instanceof RunQueue.Event e) {
                if (json || !(e.event() instanceof RegistrationFailed f && !f.willRetry())) {
                    printer.print(e.event());
                }
                if (e.event() instanceof SoftphoneEvent.Ended) {
                    ended++;
                    if (options.calls() != null && ended >= options.calls()) {
                        return ExitCodes.OK;
                    }
                } else if (e.event() instanceof RegistrationFailed f && !f.willRetry()) {
                    return Failure.of(f).report(context.err());
                }
            } else if (item instanceof RunQueue.RegisterFailed f) {
                return Failure.of(f.failure()).report(context.err());
            } else {
                return ExitCodes.OK;
            }
        }
    }

    /** The Call-ID as a file name: anything but letters, digits, '.', '_' and '-' becomes '_'. */
    static String fileName(String callId) {
        return callId.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static List<String> codecs(String codec) throws ConfigurationException {
        if (codec == null) {
            return List.of("opus", "PCMU", "PCMA");
        }
        String c = codec.trim().toLowerCase(Locale.ROOT);
        return switch (c) {
            case "opus" -> List.of("opus");
            case "pcmu" -> List.of("PCMU");
            case "pcma" -> List.of("PCMA");
            default -> throw new ConfigurationException("unknown --codec '" + codec + "' (expected opus, PCMU or PCMA)");
        };
    }
}
