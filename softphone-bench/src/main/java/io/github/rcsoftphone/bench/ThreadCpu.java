package io.github.rcsoftphone.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * CPU time of a process's threads grouped by name (digits folded to #), from /proc/PID/task/TID/stat (user +
 * system clock ticks, 100 per second on Linux). Thread names there are cut to 15 characters by the kernel.
 */
final class ThreadCpu {
    private static final double TICK_MS = 10.0;

    private ThreadCpu() {
    }

    /** Milliseconds of CPU per thread group so far. */
    static Map<String, Double> snapshot(long pid) {
        Map<String, Double> out = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "#");
                String[] f = stat.substring(close + 2).split(" ");
                double ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_MS;
                out.merge(name, ms, Double::sum);
            }
        } catch (IOException e) {
            throw new BenchException("cannot read the threads of process " + pid + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** {@code after - before} per group, largest first, as "name ms" pairs; groups under 1% of the total left out. */
    static String delta(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> d = new HashMap<>();
        after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0.0)));
        double total = d.values().stream().mapToDouble(Double::doubleValue).sum();
        Map<String, Double> sorted = d.entrySet().stream().filter(e -> e.getValue() > 0.01 * total)
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        return sorted.entrySet().stream().map(e -> "`" + e.getKey() + "` " + Figure.format(e.getValue()) + " ms")
                .collect(Collectors.joining(", ")) + " (total " + Figure.format(total) + " ms)";
    }
}
