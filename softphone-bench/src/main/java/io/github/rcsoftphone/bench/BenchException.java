package io.github.rcsoftphone.bench;

/** A benchmark could not run or a process misbehaved; the message says which and where its log is. */
public final class BenchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BenchException(String message) {
        super(message);
    }

    public BenchException(String message, Throwable cause) {
        super(message, cause);
    }
}
