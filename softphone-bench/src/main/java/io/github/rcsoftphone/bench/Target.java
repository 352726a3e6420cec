package io.github.rcsoftphone.bench;

/**
 * A figure's target: at least or at most {@code value}.
 *
 * @param atLeast true for "at least", false for "at most"
 * @param value the bound, in the figure's unit
 */
public record Target(boolean atLeast, double value) {
    public static Target atLeast(double value) {
        return new Target(true, value);
    }

    public static Target atMost(double value) {
        return new Target(false, value);
    }

    /** Whether {@code measured} meets the target (NaN never does). */
    public boolean met(double measured) {
        if (Double.isNaN(measured)) {
            return false;
        }
        return atLeast ? measured >= value : measured <= value;
    }

    @Override
    public String toString() {
        return (atLeast ? "≥ " : "≤ ") + Figure.format(value);
    }
}
