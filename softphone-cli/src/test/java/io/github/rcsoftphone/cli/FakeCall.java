package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.Call;
import java.lang.reflect.Proxy;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An incoming call whose state and figures the test sets. {@link #call()} is a {@link Call} proxy: it answers what
 * the commands read (id, caller, state, stats, answer) and nothing else does anything, so the fake keeps compiling
 * while {@link Call} grows.
 */
final class FakeCall {
    final String id;
    volatile Call.CallState state = Call.CallState.RINGING;
    volatile Call.CallStats stats = Call.CallStats.NONE;
    final CompletableFuture<Void> answered = new CompletableFuture<>();

    FakeCall(String id) {
        this.id = id;
    }

    String callerNumber() {
        return "+16505559999";
    }

    /** The call as the softphone would hand it to the incoming-call handler. */
    Call call() {
        return (Call) Proxy.newProxyInstance(Call.class.getClassLoader(), new Class<?>[] {Call.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "id" -> id;
                    case "callerNumber" -> callerNumber();
                    case "callerName" -> "";
                    case "state" -> state;
                    case "stats" -> stats;
                    case "rcIds" -> Optional.empty();
                    case "answer" -> {
                        answered.complete(null);
                        yield answered;
                    }
                    case "toString" -> "FakeCall[" + id + "]";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> method.getReturnType() == CompletableFuture.class ? new CompletableFuture<>() : null;
                });
    }
}
