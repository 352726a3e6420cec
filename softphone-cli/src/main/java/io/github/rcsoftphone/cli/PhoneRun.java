package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.SoftphoneListener;
import io.github.rcsoftphone.cli.output.EventPrinter;
import io.github.rcsoftphone.cli.output.JsonEventPrinter;
import io.github.rcsoftphone.cli.output.PlainEventPrinter;
import io.github.rcsoftphone.cli.output.StatusView;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The frame every long-running command shares: the printer for {@code --json} or people, the phone, the stop
 * signal, and at the end closing the phone, printing what it still reported, and telling the stop signal.
 */
final class PhoneRun {

    /** What a command does with its phone; returns the exit code. */
    @FunctionalInterface
    interface Body {
        int run(Phone phone, EventPrinter printer) throws InterruptedException;
    }

    /** Prints what is left once the phone closed. */
    @FunctionalInterface
    interface Drain {
        void drain(EventPrinter printer);
    }

    private PhoneRun() {
    }

    /**
     * Builds the printer and the phone, runs {@code body}, and always closes the phone and drains its events.
     *
     * @param onStop called (before the phone closes) when SIGINT/SIGTERM arrives
     * @param prepare called with the phone and the printer before {@code body} runs (e.g. to set the
     *     incoming-call handler)
     */
    static int run(CliContext context, boolean json, RunSettings settings, List<String> codecs,
            SoftphoneListener listener, Runnable onStop, BiConsumer<Phone, EventPrinter> prepare, Body body,
            Drain drain) {
        Phone phone = context.phones().create(settings.sipInfo(), settings.tls(), listener,
                "ringcentral-softphone-java/" + VersionProvider.version(), codecs);
        EventPrinter printer = printer(context, json, settings);
        StopSignal.Subscription stop = context.stopSignal().subscribe(() -> {
            phone.close();
            onStop.run();
        });
        int exitCode = ExitCodes.ERROR;
        try {
            prepare.accept(phone, printer);
            exitCode = body.run(phone, printer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            context.err().println("softphone: interrupted");
        } finally {
            phone.close();
            drain.drain(printer);
            printer.close();
            stop.finished(exitCode);
        }
        return exitCode;
    }

    /** JSON lines with {@code --json}; else the live view on a terminal, plain lines otherwise. */
    private static EventPrinter printer(CliContext context, boolean json, RunSettings settings) {
        if (json) {
            return new JsonEventPrinter(context.out(), context.clock());
        }
        return context.screen().<EventPrinter>map(s -> StatusView.start(s, settings.sipInfo(), context.clock()))
                .orElseGet(() -> new PlainEventPrinter(context.out(), settings.sipInfo()));
    }
}
