package io.github.rcsoftphone.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A benchmark process (its own JVM on this classpath) driven by commands on its stdin. Its answers are stdout lines
 * starting with {@value ChildIo#PREFIX}; everything else (stdout and stderr) goes to its log file. {@link #close()}
 * asks it to quit, then kills it if it does not, and ends the reader thread.
 */
final class Child implements AutoCloseable {
    private final String name;
    private final Process process;
    private final PrintWriter commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final Path log;

    private Child(String name, Process process, Path log, Writer logWriter) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        this.reader = new Thread(() -> pump(logWriter), "bench-child-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mainClass} with {@code jvmArgs} and {@code args}; its output goes to {@code logDir/name.log}. */
    static Child start(String name, Class<?> mainClass, List<String> jvmArgs, List<String> args, Path logDir) {
        try {
            return launch(name, mainClass, jvmArgs, args, logDir);
        } catch (IOException e) {
            throw new BenchException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    private static Child launch(String name, Class<?> mainClass, List<String> jvmArgs, List<String> args, Path logDir)
            throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return new Child(name, p, log, Files.newBufferedWriter(log, StandardCharsets.UTF_8));
    }

    long pid() {
        return process.pid();
    }

    /** Sends one command line. */
    void send(String command) {
        commands.println(command);
        if (commands.checkError()) {
            throw new BenchException(name + " does not take commands any more (exited?); see " + log);
        }
    }

    /**
     * The next answer, which must start with {@code word}; its remaining words.
     *
     * @throws BenchException on timeout, on an ERROR answer or when the process exits
     */
    String[] await(String word, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line;
            try {
                line = answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BenchException("interrupted waiting for " + word + " from " + name);
            }
            if (line == null) {
                throw new BenchException(name + " did not answer " + word + " within " + timeout.toSeconds()
                        + " s (alive: " + process.isAlive() + "); see " + log);
            }
            String[] words = line.split(" ");
            if (words[0].equals("EXIT")) {
                throw new BenchException(name + " exited with " + words[1] + " before answering " + word + "; see "
                        + log);
            }
            if (words[0].equals("ERROR")) {
                throw new BenchException(name + ": " + line.substring(6) + "; see " + log);
            }
            if (words[0].equals(word)) {
                String[] rest = new String[words.length - 1];
                System.arraycopy(words, 1, rest, 0, rest.length);
                return rest;
            }
        }
    }

    /** CPU time (user + system) the process used so far, from /proc. */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration()
                .orElseThrow(() -> new BenchException("no CPU time for " + name));
    }

    /** Resident set size from /proc/PID/status, bytes. */
    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the RSS of " + name, e);
        }
        throw new BenchException("no VmRSS for " + name);
    }

    private void pump(Writer logWriter) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); Writer out = logWriter) {
            String line;
            while ((line = in.readLine()) != null) {
                int at = line.indexOf(ChildIo.PREFIX); // stderr shares the pipe and may precede it on the line
                if (at >= 0) {
                    answers.add(line.substring(at + ChildIo.PREFIX.length()));
                }
                out.write(line);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            answers.add("ERROR reading the output: " + e);
        }
        try {
            answers.add("EXIT " + process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                commands.println("QUIT");
                commands.flush();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        commands.close();
    }
}
