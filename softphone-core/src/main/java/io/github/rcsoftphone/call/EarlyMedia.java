package io.github.rcsoftphone.call;

import io.github.rcsoftphone.sdp.AudioChoice;
import io.github.rcsoftphone.sdp.SdpNegotiationException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An incoming call's media (socket, ICE candidates or SDES keys, SDP answer) being made on the media set-up pool for
 * {@code choice}, ahead of the answer. Whoever no longer needs it {@link #discard() discards} it, from any thread and
 * at any point of the preparation: a preparation that has not started makes nothing, one that finishes after the
 * discard closes what it made on its own thread, one already finished is closed on the pool. Discard and finish race
 * only on two volatile writes each followed by a read of the other's, so at least one of them closes (close is
 * idempotent).
 */
final class EarlyMedia {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyMedia.class);

    /** Makes the media (blocking: binds a socket, gathers candidates). */
    @FunctionalInterface
    interface Preparation {
        PreparedMedia prepare() throws SdpNegotiationException, IOException;
    }

    private final AudioChoice choice;
    private final Executor pool;
    private final CompletableFuture<PreparedMedia> media = new CompletableFuture<>();
    private volatile boolean discarded;

    private EarlyMedia(AudioChoice choice, Executor pool) {
        this.choice = choice;
        this.pool = pool;
    }

    /** Starts {@code preparation} on {@code pool}; a pool that refuses it fails {@link #media()}. */
    static EarlyMedia start(AudioChoice choice, Executor pool, Preparation preparation) {
        EarlyMedia early = new EarlyMedia(choice, pool);
        try {
            pool.execute(() -> early.run(preparation));
        } catch (RejectedExecutionException e) {
            early.media.completeExceptionally(new IOException("the media set-up pool is closed", e));
        }
        return early;
    }

    /** The audio the media is made for. */
    AudioChoice choice() {
        return choice;
    }

    /**
     * Completes with the media, or fails with the preparation's exception; never completes when discarded before
     * the pool started the preparation.
     */
    CompletableFuture<PreparedMedia> media() {
        return media;
    }

    /** Releases the media now or whenever its preparation ends; idempotent, any thread, never blocks. */
    void discard() {
        discarded = true;
        PreparedMedia made = media.isDone() && !media.isCompletedExceptionally() ? media.join() : null;
        if (made != null) {
            Closing.onPool(pool, made.transport()::close);
        }
    }

    private void run(Preparation preparation) {
        if (discarded) {
            return;   // the call ended before the pool got to it: nothing to make
        }
        PreparedMedia made;
        try {
            made = preparation.prepare();
        } catch (SdpNegotiationException | IOException | RuntimeException e) {
            media.completeExceptionally(e);
            return;
        }
        media.complete(made);
        if (discarded) {   // the call ended while this ran
            LOG.debug("media prepared after the call ended: closing {}", made.transport());
            made.transport().close();
        }
    }
}
