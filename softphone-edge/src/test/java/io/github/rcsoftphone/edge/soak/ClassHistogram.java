package io.github.rcsoftphone.edge.soak;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live heap by class (HotSpot's {@code GC.class_histogram}, asked in-process through the DiagnosticCommand MBean,
 * so it works where attaching {@code jcmd} does not): what a soak names when the heap grows.
 *
 * @param bytes live bytes by class name; empty where the JVM has no such command
 */
record ClassHistogram(Map<String, Long> bytes, Map<String, Long> instances) {

    ClassHistogram {
        bytes = Map.copyOf(bytes);
        instances = Map.copyOf(instances);
    }

    /** Runs a full GC and takes the histogram. */
    static ClassHistogram take() {
        Map<String, Long> bytes = new HashMap<>();
        Map<String, Long> instances = new HashMap<>();
        try {
            Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
            for (String line : text.toString().split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 4 && f[0].endsWith(":")) {
                    instances.put(f[3], Long.parseLong(f[1]));
                    bytes.put(f[3], Long.parseLong(f[2]));
                }
            }
        } catch (JMException | RuntimeException e) {
            // not HotSpot: no histogram
        }
        return new ClassHistogram(bytes, instances);
    }

    /** The {@code n} classes that grew most in bytes since {@code before}, as "class +KB (+instances)". */
    List<String> topGrowth(ClassHistogram before, int n) {
        return bytes.keySet().stream()
                .map(c -> Map.entry(c, bytes.get(c) - before.bytes().getOrDefault(c, 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(n)
                .map(e -> String.format(Locale.ROOT, "%s +%d KB (+%d)", e.getKey(), e.getValue() / 1024,
                        instances.getOrDefault(e.getKey(), 0L) - before.instances().getOrDefault(e.getKey(), 0L)))
                .toList();
    }
}
