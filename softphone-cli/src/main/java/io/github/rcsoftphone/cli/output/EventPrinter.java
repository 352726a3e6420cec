package io.github.rcsoftphone.cli.output;

import io.github.rcsoftphone.SoftphoneEvent;

/**
 * Shows softphone events to the user. Called from one thread at a time. Implementations: {@link PlainEventPrinter}
 * (short lines for a person) and {@link JsonEventPrinter} (one JSON object a line for programs).
 */
public interface EventPrinter {

    /** Shows one event. */
    void print(SoftphoneEvent event);
}
