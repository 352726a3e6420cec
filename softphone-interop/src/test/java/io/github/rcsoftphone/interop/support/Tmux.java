package io.github.rcsoftphone.interop.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A detached tmux session on its own server (a private socket in the work directory, no user configuration): runs
 * one command in a pane of a fixed size, so a test can read the screen as a person would see it with
 * {@link #capture()}. {@link #close()} kills the server and with it the pane's processes (SIGHUP).
 */
public final class Tmux implements AutoCloseable {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final Path workDir;
    private final Path socket;
    private final String session;

    private Tmux(Path workDir, Path socket, String session) {
        this.workDir = workDir;
        this.socket = socket;
        this.session = session;
    }

    /** Starts {@code command} (a shell command line) in a new {@code columns} x {@code rows} session. */
    public static Tmux start(Path workDir, String session, int columns, int rows, String command) throws IOException {
        Tmux tmux = new Tmux(workDir, workDir.resolve("tmux.sock"), session);
        tmux.run("-f", "/dev/null", "new-session", "-d", "-s", session, "-x", Integer.toString(columns), "-y",
                Integer.toString(rows), command,
                // keep the pane after its command ends, so that a test still sees the last screen
                ";", "set-option", "-t", session, "remain-on-exit", "on").orThrow();
        return tmux;
    }

    /** The pane's visible text, one string per screen line (trailing blanks removed). */
    public List<String> capture() throws IOException {
        ExternalCommand.Result r = run("capture-pane", "-p", "-t", session).orThrow();
        return r.output().lines().map(String::stripTrailing).toList();
    }

    /** Kills the session and the server. */
    @Override
    public void close() throws IOException {
        run("kill-server");
    }

    private ExternalCommand.Result run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ExternalCommand.executable("tmux"), "-S", socket.toString()));
        command.addAll(List.of(args));
        return ExternalCommand.run(workDir, COMMAND_TIMEOUT, command);
    }
}
