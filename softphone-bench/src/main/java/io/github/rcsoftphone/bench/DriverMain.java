package io.github.rcsoftphone.bench;

import io.github.rcsoftphone.edge.LocalEdge;
import io.github.rcsoftphone.media.codec.OpusImplementation;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.IOException;

/**
 * The load driver's process: the embedded edge (accounts 0..n) and, for call scenarios, the callers. Arguments:
 * {@code n [opus [complexity]]} (the callers' Opus implementation: AUTO, NATIVE or JAVA, default AUTO; their Opus
 * encoder complexity 0-10, default {@link CallerLoad#DRIVER_OPUS_COMPLEXITY}). Answers
 * {@code READY wssPort caPem} once the edge listens. Commands: see {@link CallerLoad}; {@code QUIT} ends it.
 */
public final class DriverMain {
    private DriverMain() {
    }

    public static void main(String[] args) throws IOException {
        ChildIo io = new ChildIo();
        int accounts = Integer.parseInt(args[0]);
        OpusImplementation opus = args.length > 1 ? OpusImplementation.valueOf(args[1]) : OpusImplementation.AUTO;
        EdgeTimings timings = new EdgeTimings();
        int complexity = args.length > 2 ? Integer.parseInt(args[2]) : CallerLoad.DRIVER_OPUS_COMPLEXITY;
        try (LocalEdge edge = LocalEdge.builder().accounts(BenchAccounts.first(accounts + 1)).observer(timings)
                .build()) {
            edge.start();
            io.answer("READY", edge.port(TransportKind.WSS), edge.caPem());
            try (CallerLoad load = new CallerLoad(io, edge, opus, complexity, timings)) {
                while (true) {
                    String[] cmd = io.next();
                    if (cmd[0].equals("QUIT")) {
                        return;
                    }
                    try {
                        load.command(cmd);
                    } catch (RuntimeException e) {
                        io.error(e);
                    }
                }
            }
        }
    }
}
