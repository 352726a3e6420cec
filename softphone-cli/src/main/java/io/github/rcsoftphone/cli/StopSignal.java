package io.github.rcsoftphone.cli;

/** Tells a long-running command that the process is asked to stop (SIGINT, SIGTERM). */
@FunctionalInterface
public interface StopSignal {

    /**
     * Arranges for {@code onStop} to run (on some other thread) when the process is asked to stop, until the
     * returned subscription is finished.
     */
    Subscription subscribe(Runnable onStop);

    /** An active {@link #subscribe} call. */
    @FunctionalInterface
    interface Subscription {
        /** The command is done with {@code exitCode}; {@code onStop} is no longer needed. */
        void finished(int exitCode);
    }
}
