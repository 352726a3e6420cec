package io.github.rcsoftphone.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a run happened on, from /proc and the JVM.
 *
 * @param cpu CPU model name
 * @param cores logical CPUs available to the JVM
 * @param ramGb total memory
 * @param jdk vendor and version of the JVM that ran the benchmarks
 * @param os PRETTY_NAME from /etc/os-release and the kernel
 * @param loadAverage the 1/5/15 min load average when the run started (other users of the machine)
 */
public record Machine(String cpu, int cores, double ramGb, String jdk, String os, String loadAverage) {

    public static Machine current() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String memKb = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        double ram = memKb.isEmpty() ? Double.NaN : Long.parseLong(memKb.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
        String os = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME").replace("\"", "");
        String kernel = read(Path.of("/proc/sys/kernel/osrelease")).trim();
        String load = read(Path.of("/proc/loadavg"));
        String[] l = load.split(" ");
        return new Machine(cpu.isEmpty() ? System.getProperty("os.arch") : cpu,
                Runtime.getRuntime().availableProcessors(), ram,
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                (os.isEmpty() ? System.getProperty("os.name") : os) + ", Linux " + kernel,
                l.length >= 3 ? l[0] + " / " + l[1] + " / " + l[2] : "n/a");
    }

    /** The current 1-minute load average. */
    public static double load1() {
        String[] l = read(Path.of("/proc/loadavg")).split(" ");
        try {
            return Double.parseDouble(l[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    String ramText() {
        return String.format(Locale.ROOT, "%.1f GB", ramGb);
    }

    private static String firstValue(Path file, String key) {
        List<String> lines = read(file).lines().toList();
        for (String line : lines) {
            int sep = line.indexOf(line.contains(":") ? ':' : '=');
            if (sep > 0 && line.substring(0, sep).trim().equals(key)) {
                return line.substring(sep + 1).trim();
            }
        }
        return "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
