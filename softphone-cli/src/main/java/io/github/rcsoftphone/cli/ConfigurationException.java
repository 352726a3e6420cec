package io.github.rcsoftphone.cli;

/**
 * A command cannot start: missing or invalid configuration (exit code 2), or provisioning over REST failed (exit
 * code 3, 4 or 1). The message is ready to show the user after {@code softphone: }.
 */
public final class ConfigurationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /** A configuration problem described by {@code message} (exit code {@link ExitCodes#USAGE}). */
    public ConfigurationException(String message) {
        this(message, ExitCodes.USAGE);
    }

    /** A problem described by {@code message} that ends the process with {@code exitCode}. */
    public ConfigurationException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The process exit code for this problem. */
    public int exitCode() {
        return exitCode;
    }
}
