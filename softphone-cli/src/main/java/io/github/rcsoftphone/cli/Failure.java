package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.SoftphoneException;
import io.github.rcsoftphone.cli.output.PlainEventPrinter;
import java.io.PrintStream;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why a registration failed, as shown to the user: {@code softphone: registration failed: <reason>: <detail>}.
 *
 * @param reason lower-case reason, e.g. {@code bad_credentials}
 * @param detail what happened, on one line
 * @param exitCode the process exit code
 */
record Failure(String reason, String detail, int exitCode) {

    /** The failure {@code error} describes (unwrapping completion wrappers). */
    static Failure of(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof SoftphoneException se) {
            return new Failure(PlainEventPrinter.reasonName(se.reason()), messageOf(se),
                    ExitCodes.forReason(se.reason()));
        }
        return new Failure("error", t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": "
                + t.getMessage()), ExitCodes.ERROR);
    }

    /** The failure of a {@code registration_failed} event. */
    static Failure of(io.github.rcsoftphone.SoftphoneEvent.RegistrationFailed event) {
        return new Failure(PlainEventPrinter.reasonName(event.reason()), event.detail(),
                ExitCodes.forReason(event.reason()));
    }

    /** The one line for stderr. */
    String line() {
        return "softphone: registration failed: " + reason + ": " + PlainEventPrinter.oneLine(detail);
    }

    /** Prints {@link #line()} to {@code err} and returns the exit code. */
    int report(PrintStream err) {
        err.println(line());
        err.flush();
        return exitCode;
    }

    private static String messageOf(Throwable t) {
        if (t.getMessage() != null && !t.getMessage().isBlank()) {
            return t.getMessage();
        }
        return t.getCause() != null ? messageOf(t.getCause()) : t.getClass().getSimpleName();
    }
}
