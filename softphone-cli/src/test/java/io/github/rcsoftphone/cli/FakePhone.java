package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.SoftphoneListener;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A scripted {@link Phone}: {@code onRegister} decides what happens when the command registers. */
final class FakePhone implements Phone {
    final SoftphoneListener listener;
    final CompletableFuture<SoftphoneEvent.Registered> registration = new CompletableFuture<>();
    final AtomicInteger closes = new AtomicInteger();
    private final Consumer<FakePhone> onRegister;
    private volatile Consumer<io.github.rcsoftphone.Call> incoming;

    FakePhone(SoftphoneListener listener, Consumer<FakePhone> onRegister) {
        this.listener = listener;
        this.onRegister = onRegister;
    }

    void emit(SoftphoneEvent event) {
        listener.onEvent(event);
    }

    void registered(int expires) {
        SoftphoneEvent.Registered r = new SoftphoneEvent.Registered(expires, "<sip:x@y.invalid;transport=ws>", false);
        emit(r);
        registration.complete(r);
    }

    @Override
    public CompletableFuture<SoftphoneEvent.Registered> register() {
        onRegister.accept(this);
        return registration;
    }

    @Override
    public void onIncomingCall(Consumer<io.github.rcsoftphone.Call> handler) {
        incoming = handler;
    }

    /** Offers {@code call} as the softphone would: the {@code incoming} event, then the handler. */
    void ring(FakeCall call) {
        emit(new SoftphoneEvent.IncomingCall(call.id, call.callerNumber(), ""));
        incoming.accept(call.call());
    }

    @Override
    public void close() {
        if (closes.getAndIncrement() == 0 && registration.isDone() && !registration.isCompletedExceptionally()) {
            emit(new SoftphoneEvent.Unregistered());
        }
    }
}
