package io.github.rcsoftphone.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A {@link StopSignal} backed by a JVM shutdown hook, so SIGINT and SIGTERM reach the command. The hook runs
 * {@code onStop} (which closes the phone), waits up to {@code grace} for the command to finish and then hands the
 * command's exit code to {@code halt} (in production {@code Runtime::halt}, so that a stopped command exits with its
 * own code rather than the signal's).
 */
public final class ShutdownHookStopSignal implements StopSignal {

    private final IntConsumer halt;
    private final Duration grace;

    /** A signal whose hook ends the process through {@code halt} once the command has finished. */
    public ShutdownHookStopSignal(IntConsumer halt, Duration grace) {
        this.halt = halt;
        this.grace = grace;
    }

    @Override
    public Subscription subscribe(Runnable onStop) {
        CountDownLatch done = new CountDownLatch(1);
        AtomicInteger exitCode = new AtomicInteger(1);
        Thread hook = new Thread(() -> {
            onStop.run();
            try {
                if (done.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    halt.accept(exitCode.get());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "softphone-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return code -> {
            exitCode.set(code);
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: it now sees the exit code
            }
        };
    }
}
