package io.github.rcsoftphone.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Writes BENCHMARKS.md: machine, method, figures with min/median/max and the verdict, the command. */
final class Report {
    private Report() {
    }

    /** Scenario ids in report order, with their headings. */
    private static final List<String[]> SECTIONS = List.of(
            new String[] {MicroScenario.ID, "Microbenchmarks (JMH)"},
            new String[] {RegisterScenario.ID, "S3: many softphones registering in one JVM"},
            new String[] {"S4", "S4: call set-up latency (WebRTC over WSS)"},
            new String[] {"S1", "S1: recorder (N inbound PCMU WebRTC calls, decoded and written to WAV)"},
            new String[] {"S2", "S2: voice bot (N Opus WebRTC calls, decode and encode)"},
            new String[] {"profile", "Where the time goes"});

    static String render(Machine machine, BenchOptions options, Results results, String extra) {
        StringBuilder b = new StringBuilder();
        b.append("# Benchmarks\n\n");
        b.append("Written by `").append(options.command()).append("` on ")
                .append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
                .append(options.quick() ? " in **quick mode** (small N, smoke figures only)" : "")
                .append(". Reproduce with `").append(options.command()).append("` at the repository root.\n\n");
        b.append("## Machine\n\n| | |\n|---|---|\n");
        b.append("| CPU | ").append(machine.cpu()).append(" |\n");
        b.append("| cores available | ").append(machine.cores()).append(" |\n");
        b.append("| RAM | ").append(machine.ramText()).append(" |\n");
        b.append("| JDK | ").append(machine.jdk()).append(" |\n");
        b.append("| OS | ").append(machine.os()).append(" |\n");
        b.append("| load average at start (1/5/15 min) | ").append(machine.loadAverage()).append(" |\n");
        b.append("| one ").append(Machine.DATAGRAM_BYTES).append("-byte datagram sent and received on loopback ")
                .append("(CPU, median of 5 x 20,000; what the host charges per packet) | ")
                .append(machine.datagramText()).append(" |\n\n");
        if (options.sharedNote() != null) {
            b.append(options.sharedNote()).append("\n\n");
        }
        b.append("## Method\n\n");
        b.append("Everything runs inside a private network namespace (`unshare -n`, loopback only). Each figure is ")
                .append("given as min / median / max over the runs (at least 3; a failed run counts as n/a and ")
                .append("makes the median n/a). The verdict compares the **median** with the target: `met` or ")
                .append("`MISSED`; a missed target is never hidden. Call and registration scenarios use three ")
                .append("processes: the benchmark (measures, writes this file), the driver (embedded `LocalEdge` and ")
                .append("the callers) and the process under test (only softphones), whose own CPU time ")
                .append("(`/proc/PID/stat` utime+stime), RSS (`/proc/PID/status`) and heap after GC are measured.\n\n");
        for (String[] section : SECTIONS) {
            List<Figure> figures = results.figures().stream().filter(f -> f.scenario().equals(section[0])).toList();
            List<String> notes = results.notes(section[0]);
            if (figures.isEmpty() && notes.isEmpty()) {
                continue;
            }
            b.append("## ").append(section[1]).append("\n\n");
            if (!figures.isEmpty()) {
                b.append("| figure | unit | min | median | max | runs | target | verdict |\n");
                b.append("|---|---|---:|---:|---:|---:|---|---|\n");
                for (Figure f : figures) {
                    b.append("| ").append(f.name()).append(" | ").append(f.unit()).append(" | ")
                            .append(Figure.format(f.min())).append(" | ").append(Figure.format(f.median()))
                            .append(" | ").append(Figure.format(f.max())).append(" | ").append(f.runs().size())
                            .append(" | ").append(f.target() == null ? "" : f.target().toString()).append(" | ")
                            .append(f.verdict().equals("MISSED") ? "**MISSED**" : f.verdict()).append(" |\n");
                }
                b.append('\n');
            }
            for (String note : notes) {
                b.append(note).append("\n\n");
            }
        }
        if (extra != null && !extra.isBlank()) {
            b.append(extra.strip()).append("\n");
        }
        return b.toString();
    }

    static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
