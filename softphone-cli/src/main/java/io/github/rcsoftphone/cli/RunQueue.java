package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.cli.output.EventPrinter;
import java.io.PrintStream;
import java.util.OptionalInt;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What a long-running command's thread waits on, in arrival order: the phone's events, a failed registration, the
 * stop signal. Everything feeds this one queue and only the command's thread drains it, so output never interleaves.
 */
final class RunQueue {

    /** Something that happened. */
    sealed interface Item permits Event, RegisterFailed, Stop {
    }

    /** A softphone event. */
    record Event(SoftphoneEvent event) implements Item {
    }

    /** {@code register()} failed for good. */
    record RegisterFailed(Throwable failure) implements Item {
    }

    /** SIGINT/SIGTERM. */
    record Stop() implements Item {
    }

    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();

    /** The softphone listener: queues every event. */
    void event(SoftphoneEvent event) {
        queue.add(new Event(event));
    }

    /** The stop action: queues a {@link Stop}. */
    void stop() {
        queue.add(new Stop());
    }

    /** Starts registering; a failure arrives as {@link RegisterFailed}. */
    void register(Phone phone) {
        phone.register().whenComplete((r, failure) -> {
            if (failure != null) {
                queue.add(new RegisterFailed(failure));
            }
        });
    }

    /** The next item, waiting as long as it takes. */
    Item take() throws InterruptedException {
        return queue.take();
    }

    /** The next item, or null after {@code nanos}. */
    Item poll(long nanos) throws InterruptedException {
        return queue.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    /**
     * Shows {@code event}; a registration failure the softphone gives up on is, in plain mode, left to
     * {@link Failure}'s one line on {@code err} (JSON output still gets the event). Returns that failure's exit code,
     * or empty when the command goes on.
     */
    static OptionalInt show(SoftphoneEvent event, EventPrinter printer, boolean json, PrintStream err) {
        boolean givenUp = event instanceof SoftphoneEvent.RegistrationFailed f && !f.willRetry();
        if (json || !givenUp) {
            printer.print(event);
        }
        return givenUp ? OptionalInt.of(Failure.of((SoftphoneEvent.RegistrationFailed) event).report(err))
                : OptionalInt.empty();
    }

    /** Prints the events still queued (once the phone has closed). */
    void drain(EventPrinter printer) {
        for (Item item = queue.poll(); item != null; item = queue.poll()) {
            if (item instanceof Event e) {
                printer.print(e.event());
            }
        }
    }
}
