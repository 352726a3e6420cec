package io.github.rcsoftphone.cli.config;

/** A {@code .env} file could not be read or holds a malformed line; the message names the file and line. */
public final class DotEnvException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A problem at {@code line} (1-based) of {@code file}. */
    public DotEnvException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }

    /** The file as a whole could not be read. */
    public DotEnvException(String file, Throwable cause) {
        super(file + ": cannot read: " + cause.getMessage(), cause);
    }
}
