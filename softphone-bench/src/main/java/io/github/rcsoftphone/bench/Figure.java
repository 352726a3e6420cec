package io.github.rcsoftphone.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * One measured figure over repeated runs.
 *
 * @param scenario e.g. {@code S3} or {@code micro}
 * @param name what was measured
 * @param unit unit of the values
 * @param runs one value per run (NaN when a run failed to produce it)
 * @param target the target, or null when there is none
 */
public record Figure(String scenario, String name, String unit, List<Double> runs, Target target) {
    public Figure {
        runs = List.copyOf(runs);
    }

    public double min() {
        return sorted().isEmpty() ? Double.NaN : sorted().get(0);
    }

    public double max() {
        List<Double> s = sorted();
        return s.isEmpty() ? Double.NaN : s.get(s.size() - 1);
    }

    /** The median of the runs that produced a value; NaN when none did or any run failed. */
    public double median() {
        List<Double> s = sorted();
        if (s.isEmpty() || s.size() < runs.size()) {
            return Double.NaN;
        }
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** "met", "MISSED" (judged on the median; a failed run is a miss) or "" without a target. */
    public String verdict() {
        if (target == null) {
            return "";
        }
        return target.met(median()) ? "met" : "MISSED";
    }

    private List<Double> sorted() {
        List<Double> s = new ArrayList<>();
        for (Double d : runs) {
            if (d != null && !d.isNaN()) {
                s.add(d);
            }
        }
        Collections.sort(s);
        return s;
    }

    /** Three significant digits, thousands grouped; "n/a" for NaN. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1 || a == 0) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
