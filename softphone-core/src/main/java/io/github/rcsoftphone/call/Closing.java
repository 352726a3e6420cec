package io.github.rcsoftphone.call;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Closing a call's media off the signalling loop. A close may block (it waits for the media I/O thread), so it runs
 * on the media set-up pool; a pool that refuses it (shut down while the softphone closes) gets it done on the calling
 * thread rather than leaving a socket and its registration open.
 */
final class Closing {
    private Closing() {
    }

    /** Runs {@code close} on {@code pool}, or here when the pool refuses it. */
    static void onPool(Executor pool, Runnable close) {
        try {
            pool.execute(close);
        } catch (RejectedExecutionException e) {
            close.run();
        }
    }
}
