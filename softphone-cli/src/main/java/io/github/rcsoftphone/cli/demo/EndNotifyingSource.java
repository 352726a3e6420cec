package io.github.rcsoftphone.cli.demo;

import io.github.rcsoftphone.media.audio.AudioSource;
import java.util.concurrent.CompletableFuture;

/** An {@link AudioSource} that completes {@code done} once its delegate has nothing more to give, or is closed. */
final class EndNotifyingSource implements AudioSource {
    private final AudioSource delegate;
    private final CompletableFuture<Void> done;

    EndNotifyingSource(AudioSource delegate, CompletableFuture<Void> done) {
        this.delegate = delegate;
        this.done = done;
    }

    @Override
    public int sampleRate() {
        return delegate.sampleRate();
    }

    @Override
    public short[] read(int samples) {
        short[] pcm = delegate.read(samples);
        if (pcm == null || pcm.length == 0) {
            done.complete(null);
        }
        return pcm;
    }

    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            done.complete(null);
        }
    }
}
