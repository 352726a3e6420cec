package io.github.rcsoftphone.interop.matrix;

import java.util.Map;

/**
 * One interop test run in the matrix.
 *
 * @param test {@code Class#method} and, for a parameterised run, its display name
 * @param result {@code pass}, {@code FAIL} or {@code skipped}
 * @param detail the failure's or the skip's first line, or empty
 * @param measured what the test recorded, in order
 */
record MatrixRow(String peer, String transport, String direction, String codec, String feature, String via,
        String test, String result, String detail, double seconds, Map<String, String> measured) {

    MatrixRow {
        measured = Map.copyOf(measured);
    }
}
