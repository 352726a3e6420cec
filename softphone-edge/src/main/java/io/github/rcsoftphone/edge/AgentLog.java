package io.github.rcsoftphone.edge;

import java.util.ArrayDeque;
import java.util.List;

/** The last {@value #KEPT} agent messages the edge answered. Thread-safe. */
final class AgentLog {
    static final int KEPT = 10_000;
    private final ArrayDeque<AgentMessage> messages = new ArrayDeque<>();

    synchronized void add(AgentMessage m) {
        if (messages.size() == KEPT) {
            messages.removeFirst();
        }
        messages.addLast(m);
    }

    synchronized List<AgentMessage> snapshot() {
        return List.copyOf(messages);
    }
}
