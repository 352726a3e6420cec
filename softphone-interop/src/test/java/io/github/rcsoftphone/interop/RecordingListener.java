package io.github.rcsoftphone.interop;

import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.SoftphoneListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Records a softphone's events with the time each arrived, for assertions and Awaitility conditions. */
public final class RecordingListener implements SoftphoneListener {

    /**
     * One event and when it arrived.
     *
     * @param event the event
     * @param nanos {@link System#nanoTime()} at arrival
     */
    public record Timed(SoftphoneEvent event, long nanos) {
    }

    private final List<Timed> events = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(SoftphoneEvent event) {
        events.add(new Timed(event, System.nanoTime()));
    }

    /** Every event so far, in order. */
    public List<Timed> all() {
        return List.copyOf(events);
    }

    /** The events of one type, in order. */
    public <T extends SoftphoneEvent> List<T> of(Class<T> type) {
        return events.stream().map(Timed::event).filter(type::isInstance).map(type::cast).toList();
    }

    /** Events of {@code type} matching {@code filter} that arrived at or after {@code sinceNanos}. */
    public <T extends SoftphoneEvent> List<Timed> since(long sinceNanos, Class<T> type, Predicate<T> filter) {
        return events.stream().filter(t -> t.nanos() >= sinceNanos && type.isInstance(t.event()))
                .filter(t -> filter.test(type.cast(t.event()))).toList();
    }

    @Override
    public String toString() {
        return "events " + events.stream().map(t -> t.event().toString()).toList();
    }
}
