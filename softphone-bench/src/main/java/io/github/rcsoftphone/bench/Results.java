package io.github.rcsoftphone.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the scenarios produced: figures, and notes (method, breakdowns, failures) per scenario. */
public final class Results {
    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();

    public synchronized void add(Figure figure) {
        figures.add(figure);
    }

    public synchronized void note(String scenario, String text) {
        notes.computeIfAbsent(scenario, k -> new ArrayList<>()).add(text);
    }

    public synchronized List<Figure> figures() {
        return List.copyOf(figures);
    }

    public synchronized List<String> notes(String scenario) {
        return List.copyOf(notes.getOrDefault(scenario, List.of()));
    }

    /** The figure named {@code name} of {@code scenario}, if measured. */
    public synchronized java.util.Optional<Figure> figure(String scenario, String name) {
        return figures.stream().filter(f -> f.scenario().equals(scenario) && f.name().equals(name)).findFirst();
    }
}
