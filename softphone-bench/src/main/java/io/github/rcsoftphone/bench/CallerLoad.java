package io.github.rcsoftphone.bench;

import io.github.rcsoftphone.edge.LocalEdge;

/** Places calls from the driver process into the softphone under test (needs outbound calls). */
final class CallerLoad implements AutoCloseable {
    private final ChildIo io;
    private final LocalEdge edge;

    CallerLoad(ChildIo io, LocalEdge edge) {
        this.io = io;
        this.edge = edge;
    }

    void command(String[] cmd) {
        io.answer("ERROR", "unknown command " + cmd[0] + " (edge " + edge.domain() + ")");
    }

    @Override
    public void close() {
    }
}
