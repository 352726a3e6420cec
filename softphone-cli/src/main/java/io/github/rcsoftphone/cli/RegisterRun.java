package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.SoftphoneEvent.Registered;
import io.github.rcsoftphone.SoftphoneEvent.RegistrationFailed;
import io.github.rcsoftphone.cli.output.EventPrinter;
import io.github.rcsoftphone.cli.output.JsonEventPrinter;
import io.github.rcsoftphone.cli.output.PlainEventPrinter;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One run of {@code softphone register}. The softphone's events, the registration's outcome and the stop signal
 * all feed one queue that the command's thread alone drains: output lines never interleave, and decisions are
 * taken in the order things happened.
 */
final class RegisterRun {

    private sealed interface Item permits EventItem, Outcome, Stop {
    }

    private record EventItem(SoftphoneEvent event) implements Item {
    }

    private record Outcome(Registered registered, Throwable failure) implements Item {
    }

    private record Stop() implements Item {
    }

    private final CliContext context;
    private final boolean json;
    private final boolean once;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    /** Set when the registration's result was printed before its event arrived; that event is then skipped. */
    private boolean resultPrinted;

    RegisterRun(CliContext context, boolean json, boolean once) {
        this.context = context;
        this.json = json;
        this.once = once;
    }

    int run() {
        RunSettings settings;
        try {
            settings = RunSettings.load(context);
        } catch (ConfigurationException e) {
            context.err().println("softphone: " + e.getMessage());
            return e.exitCode();
        }
        return PhoneRun.run(context, json, settings, java.util.List.of("opus", "PCMU", "PCMA"),
                e -> queue.add(new EventItem(e)), () -> queue.add(new Stop()), (phone, printer) -> { }, this::loop,
                this::drainEvents);
    }

    private int loop(Phone phone, EventPrinter printer) throws InterruptedException {
        try {
            CompletableFuture<Registered> registration = phone.register();
            registration.whenComplete((r, failure) -> queue.add(new Outcome(r, failure)));
        } catch (RuntimeException e) {
            return Failure.of(e).report(context.err());
        }
        boolean registered = false;
        while (true) {
            Item item = queue.take();
            if (item instanceof EventItem e) {
                show(printer, e.event());
                if (e.event() instanceof Registered) {
                    registered = true;
                    if (once) {
                        return ExitCodes.OK;
                    }
                } else if (registered && e.event() instanceof RegistrationFailed f && !f.willRetry()) {
                    return Failure.of(f).report(context.err());
                }
            } else if (item instanceof Outcome o) {
                if (o.failure() != null) {
                    return Failure.of(o.failure()).report(context.err());
                }
                if (!registered) {
                    printer.print(o.registered());
                    resultPrinted = true;
                    registered = true;
                    if (once) {
                        return ExitCodes.OK;
                    }
                }
            } else {
                if (registered) {
                    return ExitCodes.OK;
                }
                context.err().println("softphone: stopped before the first registration");
                return ExitCodes.ERROR;
            }
        }
    }

    /**
     * Prints {@code event}, except the first registration's event when its result was already printed and, for a
     * person (no {@code --json}), a failure that is not retried: the run ends with that failure's line on stderr.
     */
    private void show(EventPrinter printer, SoftphoneEvent event) {
        if (resultPrinted && event instanceof Registered r && !r.refresh()) {
            resultPrinted = false;
            return;
        }
        if (!json && event instanceof RegistrationFailed f && !f.willRetry()) {
            return;
        }
        printer.print(event);
    }

    /** Prints what the softphone reported until it closed (e.g. {@code unregistered}). */
    private void drainEvents(EventPrinter printer) {
        for (Item item = queue.poll(); item != null; item = queue.poll()) {
            if (item instanceof EventItem e) {
                show(printer, e.event());
            }
        }
    }
}
