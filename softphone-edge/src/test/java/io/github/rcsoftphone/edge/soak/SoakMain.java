package io.github.rcsoftphone.edge.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code scripts/soak [--calls N] [--hours H] [--every K] [--out FILE]}: the sequential-call soak (N calls, default
 * 10,000, sampled every K calls, default N/20) and the fake-clock registration soak (H simulated hours, default 24)
 * in this JVM; prints both tables, writes them to FILE (default {@code softphone-edge/target/soak/soak.md}) and
 * exits 1 when anything leaked or failed, 2 on a usage error.
 */
public final class SoakMain {
    private SoakMain() {
    }

    public static void main(String[] args) throws Exception {
        int calls = 10_000;
        double hours = 24;
        int every = 0;
        Path out = Path.of("softphone-edge/target/soak/soak.md");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--calls" -> calls = Integer.parseInt(args[++i]);
                    case "--hours" -> hours = Double.parseDouble(args[++i]);
                    case "--every" -> every = Integer.parseInt(args[++i]);
                    case "--out" -> out = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("soak: " + e.getMessage()
                    + "\nusage: scripts/soak [--calls N] [--hours H] [--every K] [--out FILE]");
            System.exit(2);
        }
        List<SoakReport> reports = new ArrayList<>();
        if (hours > 0) {
            reports.add(new RegistrationSoak(hours, Soak.HEAP_KB_PER_24H, System.out).run());
        }
        if (calls > 0) {
            int k = every > 0 ? every : Math.max(1, calls / 20);
            reports.add(new CallSoak(calls, k, Soak.WARM_UP_CALLS, Soak.HEAP_KB_PER_1000_CALLS, System.out).run());
        }
        StringBuilder text = new StringBuilder("## Soak\n\n").append(Soak.machine()).append("\n\n");
        boolean ok = true;
        for (SoakReport r : reports) {
            text.append(r.render()).append('\n');
            ok &= r.problems().isEmpty();
        }
        System.out.println();
        System.out.print(text);
        write(out, text.toString());
        System.out.println("soak: " + (ok ? "OK" : "FAILED") + " (report: " + out + ")");
        System.exit(ok ? 0 : 1);
    }

    private static void write(Path out, String text) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, text);
    }
}
