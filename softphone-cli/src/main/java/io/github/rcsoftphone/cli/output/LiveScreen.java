package io.github.rcsoftphone.cli.output;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A terminal that shows a block of lines at its bottom and redraws that block in place (ANSI: cursor up, then each
 * line rewritten and erased to its end, then the rest of the screen erased). Lines printed with {@link #printAbove}
 * and anything written to {@link #err()} appear above the block and scroll away normally: the block is erased
 * first and drawn again, below them, by the next {@link #draw}. Thread-safe; its lock guards nothing but the two
 * streams, so it may be called while holding other locks.
 */
public final class LiveScreen {

    private static final String ESC = "\033[";

    private final PrintStream out;
    private final PrintStream rawErr;
    private final PrintStream err;
    private final int width;
    /** Lines of the block now on the screen (0: none, the cursor is where the next text goes). */
    private int drawn;

    /**
     * A screen on {@code out}; diagnostics go to {@code err} (the same terminal).
     *
     * @param width the terminal's columns: block lines are cut to {@code width - 1} so none wraps
     */
    public LiveScreen(PrintStream out, PrintStream err, int width) {
        if (width < 20) {
            throw new IllegalArgumentException("width must be at least 20 columns, got " + width);
        }
        this.out = out;
        this.rawErr = err;
        this.width = width;
        this.err = new PrintStream(new ErrStream(), true, StandardCharsets.UTF_8);
    }

    /**
     * Whether a person watches a terminal: standard output is a console and {@code TERM} names a terminal that
     * understands cursor movement (set and not {@code dumb}).
     */
    public static boolean supported(boolean console, Map<String, String> env) {
        String term = env.get("TERM");
        return console && term != null && !term.isBlank() && !term.equals("dumb");
    }

    /** The terminal's columns from {@code COLUMNS}, else 80. */
    public static int width(Map<String, String> env) {
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", "").trim());
            return columns >= 20 ? columns : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    /**
     * The columns of the terminal this process runs on, asked from {@code stty size} on {@code /dev/tty}; empty
     * when there is no terminal or {@code stty} cannot tell.
     */
    public static OptionalInt terminalColumns() {
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!p.waitFor(2, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return OptionalInt.empty();
            }
            String[] rowsColumns = answer.split("\\s+");
            int columns = rowsColumns.length == 2 ? Integer.parseInt(rowsColumns[1]) : 0;
            return columns >= 20 ? OptionalInt.of(columns) : OptionalInt.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    /** Standard error as given: bypasses the screen. */
    public PrintStream rawErr() {
        return rawErr;
    }

    /** Standard error through the screen: the block is erased before the text is written. */
    public PrintStream err() {
        return err;
    }

    /** Replaces the block on the screen with {@code lines}. */
    public synchronized void draw(List<String> lines) {
        StringBuilder b = new StringBuilder();
        if (drawn > 0) {
            b.append(ESC).append(drawn).append('A').append('\r');
        }
        for (String line : lines) {
            b.append(cut(line)).append(ESC).append('K').append('\n');
        }
        b.append(ESC).append('J');
        out.print(b);
        out.flush();
        drawn = lines.size();
    }

    /** Prints {@code line} above the block (which is erased and comes back with the next {@link #draw}). */
    public synchronized void printAbove(String line) {
        erase();
        out.println(line);
        out.flush();
    }

    /** Whether the block is on the screen (nothing was written below it since it was drawn). */
    public synchronized boolean visible() {
        return drawn > 0;
    }

    /** Erases the block; the cursor goes where its first line was. */
    public synchronized void erase() {
        if (drawn > 0) {
            out.print(ESC + drawn + "A\r" + ESC + "J");
            out.flush();
            drawn = 0;
        }
    }

    private String cut(String line) {
        return line.length() < width ? line : line.substring(0, width - 1);
    }

    /** Standard error: erases the block, then writes. */
    private final class ErrStream extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (LiveScreen.this) {
                erase();
                rawErr.write(b, off, len);
                rawErr.flush();
            }
        }

        @Override
        public void flush() {
            rawErr.flush();
        }
    }
}
