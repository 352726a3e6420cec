package io.github.rcsoftphone;

/** Receives a softphone's events, on the softphone's callback executor, one at a time and in order. */
@FunctionalInterface
public interface SoftphoneListener {
    void onEvent(SoftphoneEvent event);

    SoftphoneListener NONE = event -> { };
}
