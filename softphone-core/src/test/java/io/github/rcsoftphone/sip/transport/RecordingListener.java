package io.github.rcsoftphone.sip.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link TransportListener} that queues what it gets, for assertions. */
class RecordingListener implements TransportListener {
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final List<Throwable> closeCauses = new CopyOnWriteArrayList<>();
    private final AtomicInteger closedCalls = new AtomicInteger();
    private final List<TransportException> rejected = new CopyOnWriteArrayList<>();

    @Override
    public void onRejected(TransportException problem) {
        rejected.add(problem);
    }

    /** What {@link #onRejected} got, in order. */
    List<TransportException> rejected() {
        return rejected;
    }

    @Override
    public void onMessage(byte[] message) {
        messages.add(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public void onClosed(Throwable causeOrNull) {
        closedCalls.incrementAndGet();
        if (causeOrNull != null) {
            closeCauses.add(causeOrNull);
        }
    }

    String nextMessage(Duration timeout) throws InterruptedException {
        String m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return m;
    }

    BlockingQueue<String> messages() {
        return messages;
    }

    int closedCalls() {
        return closedCalls.get();
    }

    /** The causes passed to onClosed that were not null. */
    List<Throwable> closeCauses() {
        return closeCauses;
    }
}
