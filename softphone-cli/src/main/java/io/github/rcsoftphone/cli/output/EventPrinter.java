package io.github.rcsoftphone.cli.output;

import io.github.rcsoftphone.SoftphoneEvent;

/**
 * Shows softphone events to the user. {@link #print} is called from one thread at a time; {@link #watch} may come
 * from any thread. Implementations: {@link PlainEventPrinter} (short lines for a person), {@link JsonEventPrinter}
 * (one JSON object a line for programs) and {@link StatusView} (a live block on a terminal).
 */
public interface EventPrinter extends AutoCloseable {

    /** Shows one event. */
    void print(SoftphoneEvent event);

    /** A call whose live figures may be shown until it ends; printers of events only ignore it. */
    default void watch(LiveCall call) {
    }

    /** Shows the last state and releases what the printer holds (e.g. its redraw thread). */
    @Override
    default void close() {
    }
}
