package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.SoftphoneEvent;
import java.util.concurrent.CompletableFuture;

/**
 * What the CLI needs from a softphone: register, then close. An interface so the commands can be tested without
 * a SIP server; {@link PhoneFactory#softphones()} adapts the real {@link io.github.rcsoftphone.Softphone}.
 */
public interface Phone extends AutoCloseable {

    /** Connects and registers; see {@link io.github.rcsoftphone.Softphone#register()}. */
    CompletableFuture<SoftphoneEvent.Registered> register();

    /** Who decides about incoming calls (see {@link io.github.rcsoftphone.Softphone#onIncomingCall}). */
    default void onIncomingCall(java.util.function.Consumer<io.github.rcsoftphone.Call> handler) {
        throw new UnsupportedOperationException("this phone takes no calls");
    }

    /** Places a call (see {@link io.github.rcsoftphone.Softphone#call(String)}). */
    default io.github.rcsoftphone.Call call(String target) {
        throw new UnsupportedOperationException("this phone places no calls");
    }

    /** Un-registers and releases everything; idempotent and safe to call from any thread. */
    @Override
    void close();
}
