package io.github.rcsoftphone.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The child side of {@link Child}: commands from stdin, answers on stdout after {@value #PREFIX}. */
final class ChildIo {
    static final String PREFIX = "@@ ";

    private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    private final PrintStream out = System.out;

    /** The next command's words; {@code QUIT} at end of input. */
    String[] next() {
        try {
            String line = in.readLine();
            return line == null ? new String[] {"QUIT"} : line.trim().split(" ");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One answer line: words separated by spaces. */
    synchronized void answer(Object... words) {
        StringBuilder b = new StringBuilder(PREFIX);
        for (int i = 0; i < words.length; i++) {
            b.append(i == 0 ? "" : " ").append(words[i]);
        }
        out.println(b);
        out.flush();
    }

    /** An error answer (one line). */
    void error(Throwable e) {
        answer("ERROR", String.valueOf(e).replace('\n', ' '));
    }
}
