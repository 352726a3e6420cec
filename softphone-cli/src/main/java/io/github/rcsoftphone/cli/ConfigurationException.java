package io.github.rcsoftphone.cli;

/** Missing or invalid configuration; the message is ready to show the user (exit code 2). */
public final class ConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** A problem described by {@code message}. */
    public ConfigurationException(String message) {
        super(message);
    }
}
