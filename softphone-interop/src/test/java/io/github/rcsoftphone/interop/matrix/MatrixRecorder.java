package io.github.rcsoftphone.interop.matrix;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * What one interop test run measured (dominant frequency heard, level, DTMF digits, latency) and the matrix columns
 * it decides at run time; a test of an {@link Interop} class or method takes one as a parameter. Each call writes
 * {@code target/interop-matrix/measured/<run>.json} at once, so a test that fails later keeps what it measured;
 * {@link MatrixListener} joins it with the result.
 */
public final class MatrixRecorder {
    static final Path MEASURED = Path.of("target", "interop-matrix", "measured");

    private final String uniqueId;
    private final Path file;
    private final Map<String, String> columns = new LinkedHashMap<>();
    private final Map<String, String> measured = new LinkedHashMap<>();

    MatrixRecorder(String uniqueId) {
        this.uniqueId = uniqueId;
        this.file = MEASURED.resolve(MatrixListener.fileName(uniqueId));
    }

    /** Sets a column that the {@link Interop} annotation leaves open ({@code transport}, {@code codec}, ...). */
    public synchronized MatrixRecorder set(String column, Object value) {
        columns.put(column, String.valueOf(value));
        write();
        return this;
    }

    /** Records a measured value, e.g. {@code measure("softphone heard", 440.0, "Hz")}. */
    public synchronized MatrixRecorder measure(String name, double value, String unit) {
        String number = value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.1f", value);
        return text(name, (number + " " + unit).trim());
    }

    /** Records a measured value as text, e.g. {@code text("digits", "159#")}. */
    public synchronized MatrixRecorder text(String name, String value) {
        measured.put(name, value);
        write();
        return this;
    }

    private void write() {
        try {
            Files.createDirectories(file.getParent());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("uniqueId", uniqueId);
            json.put("columns", columns);
            json.put("measured", measured);
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Hands each test of an {@link Interop} class or method its recorder. */
    public static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            return p.getParameter().getType() == MatrixRecorder.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            return new MatrixRecorder(c.getUniqueId());
        }
    }
}
