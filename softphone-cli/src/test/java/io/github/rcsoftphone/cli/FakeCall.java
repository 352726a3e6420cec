package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.media.audio.AudioSource;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** An incoming call whose state and figures the test sets; {@link #answer()} only records that it was called. */
final class FakeCall implements Call {
    final String id;
    volatile CallState state = CallState.RINGING;
    volatile CallStats stats = CallStats.NONE;
    final CompletableFuture<Void> answered = new CompletableFuture<>();
    final CompletableFuture<CallEnd> ended = new CompletableFuture<>();

    FakeCall(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String callerNumber() {
        return "+16505559999";
    }

    @Override
    public String callerName() {
        return "";
    }

    @Override
    public Optional<RcIds> rcIds() {
        return Optional.empty();
    }

    @Override
    public CallState state() {
        return state;
    }

    @Override
    public CompletableFuture<Void> answer() {
        answered.complete(null);
        return answered;
    }

    @Override
    public void decline() {
    }

    @Override
    public void hangup() {
    }

    @Override
    public CompletableFuture<CallEnd> ended() {
        return ended;
    }

    @Override
    public void onAudio(int sampleRate, Consumer<short[]> frames) {
    }

    @Override
    public void onDtmf(Consumer<Character> digits) {
    }

    @Override
    public void record(Path wav) {
    }

    @Override
    public void play(AudioSource source) {
    }

    @Override
    public void play(Path wav) {
    }

    @Override
    public CallStats stats() {
        return stats;
    }
}
