package io.github.rcsoftphone.interop.matrix;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Collects the result of every test of an {@link Interop} class or method (passed, failed, skipped, aborted), joins
 * each with what its {@link MatrixRecorder} measured, and when the test plan ends writes
 * {@code target/interop-matrix/results/<run>.json} per run and the rendered matrix,
 * {@code target/interop-matrix/INTEROP.md} ({@link MatrixReport}). Registered through
 * {@code META-INF/services}, so the interop suite's one Maven run produces it; {@code scripts/interop} copies it to
 * the repository root. Does nothing when no interop test ran.
 */
public final class MatrixListener implements TestExecutionListener {
    static final Path DIR = Path.of("target", "interop-matrix");

    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final List<MatrixRow> rows = new ArrayList<>();

    @Override
    public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), System.nanoTime());
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest()) {
            add(id, "skipped", reason, 0);
        } else {
            // a skipped class: its tests never start; the report lists the class once
            annotation(id).ifPresent(a -> add(id, "skipped", reason, 0));
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        String detail = firstLine(result.getThrowable().map(Throwable::toString).orElse(""));
        if (!id.isTest()) {
            // a class whose set-up failed (a peer that would not start): its tests never ran; one row for the class
            if (result.getStatus() == TestExecutionResult.Status.FAILED && !anyRowOf(id)) {
                add(id, "FAIL", detail, 0);
            }
            return;
        }
        Long t0 = started.remove(id.getUniqueId());
        double seconds = t0 == null ? 0 : (System.nanoTime() - t0) / 1e9;
        String outcome = switch (result.getStatus()) {
            case SUCCESSFUL -> "pass";
            case ABORTED -> "skipped";
            case FAILED -> "FAIL";
        };
        add(id, outcome, detail, seconds);
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        List<MatrixRow> all;
        synchronized (rows) {
            all = List.copyOf(rows);
        }
        if (all.isEmpty()) {
            return;
        }
        try {
            Path results = DIR.resolve("results");
            Files.createDirectories(results);
            ObjectMapper json = new ObjectMapper();
            for (MatrixRow r : all) {
                json.writerWithDefaultPrettyPrinter().writeValue(results.resolve(fileName(r.test())).toFile(), r);
            }
            Files.writeString(DIR.resolve("INTEROP.md"), MatrixReport.render(readAll(results), PeerVersions.probe()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the interop matrix", e);
        }
    }

    /** Every result file in {@code dir} (a run of part of the suite keeps the other rows of earlier runs). */
    static List<MatrixRow> readAll(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<MatrixRow> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.add(json.readValue(f.toFile(), MatrixRow.class));
            }
        }
        return out;
    }

    private void add(TestIdentifier id, String outcome, String detail, double seconds) {
        Optional<Interop> a = annotation(id);
        if (a.isEmpty()) {
            return;
        }
        Map<String, String> columns = new LinkedHashMap<>();
        Map<String, String> measured = new LinkedHashMap<>();
        readMeasured(id.getUniqueId(), columns, measured);
        Interop i = a.get();
        String test = id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(m -> simpleName(m.getClassName()) + "#" + m.getMethodName()).orElse(id.getDisplayName());
        if (id.getUniqueId().contains("-invocation:")) {
            test += " " + id.getDisplayName();
        }
        MatrixRow row = new MatrixRow(columns.getOrDefault("peer", i.peer()),
                columns.getOrDefault("transport", i.transport()), columns.getOrDefault("direction", i.direction()),
                columns.getOrDefault("codec", i.codec()), columns.getOrDefault("feature", i.feature()),
                columns.getOrDefault("via", i.via()), test, outcome, detail, seconds, measured);
        synchronized (rows) {
            rows.add(row);
        }
    }

    private boolean anyRowOf(TestIdentifier id) {
        String name = id.getDisplayName();
        synchronized (rows) {
            return rows.stream().anyMatch(r -> r.test().startsWith(name + "#"));
        }
    }

    private static void readMeasured(String uniqueId, Map<String, String> columns, Map<String, String> measured) {
        Path f = MatrixRecorder.MEASURED.resolve(fileName(uniqueId));
        if (!Files.exists(f)) {
            return;
        }
        try {
            Map<String, Object> m = new ObjectMapper().readValue(f.toFile(), new TypeReference<Map<String, Object>>() { });
            columns.putAll(strings(m.get("columns")));
            measured.putAll(strings(m.get("measured")));
        } catch (IOException e) {
            measured.put("(unreadable measurements)", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> strings(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /** The {@link Interop} of a test method, else of its class. */
    private static Optional<Interop> annotation(TestIdentifier id) {
        return id.getSource().flatMap(s -> {
            try {
                if (s instanceof MethodSource m) {
                    Class<?> c = Class.forName(m.getClassName());
                    Method method = m.getJavaMethod();
                    Interop onMethod = method.getAnnotation(Interop.class);
                    return Optional.ofNullable(onMethod != null ? onMethod : c.getAnnotation(Interop.class));
                }
                if (s instanceof org.junit.platform.engine.support.descriptor.ClassSource c) {
                    return Optional.ofNullable(c.getJavaClass().getAnnotation(Interop.class));
                }
            } catch (ClassNotFoundException | org.junit.platform.commons.PreconditionViolationException e) {
                return Optional.empty();
            }
            return Optional.empty();
        });
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String firstLine(String s) {
        String line = s.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    /** A file name for a test run: a short hash of its unique id. */
    static String fileName(String uniqueId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(uniqueId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
