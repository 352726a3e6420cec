package io.github.rcsoftphone.sip.message;

import java.util.Objects;

/**
 * One header line. Folded lines arrive unfolded; whitespace around the value is trimmed.
 *
 * @param name  the name as it appeared on the wire ({@code Call-Id}, {@code i}, ...)
 * @param value the raw value, possibly several comma-separated values
 */
public record Header(String name, String value) {

    /** Requires both parts; {@link Headers} checks their syntax. */
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    /** {@code Name: value}. */
    @Override
    public String toString() {
        return name + ": " + value;
    }
}
