package io.github.rcsoftphone.edge.soak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the JVM holds at one point of a soak: live threads (count, and by kind: the name with every digit run
 * replaced by {@code #}, so {@code webrtc-40112-recv} and {@code webrtc-40388-recv} are one kind; without the
 * {@code Cleaner-N} threads of libraries' JVM-wide cleaners and JNA's {@code JNA Cleaner}, made once on first use), open file descriptors
 * ({@code /proc/self/fd}) and the heap in use right after a full GC.
 *
 * @param at calls done, or simulated hours passed
 * @param elapsed real time since the soak started
 */
record ResourceSample(long at, Duration elapsed, int threads, Map<String, Integer> threadKinds, int fds,
        long heapAfterGc) {

    ResourceSample {
        threadKinds = Map.copyOf(threadKinds);
    }

    /** Threads and descriptors now, without a GC (cheap: for waiting until transient ones are gone). */
    static ResourceSample quick(long at, Duration elapsed) {
        Map<String, Integer> kinds = new TreeMap<>();
        int threads = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && !t.getName().startsWith("Cleaner-") && !t.getName().equals("JNA Cleaner")) {
                threads++;
                kinds.merge(kind(t.getName()), 1, Integer::sum);
            }
        }
        return new ResourceSample(at, elapsed, threads, kinds, openFds(), -1);
    }

    /**
     * Threads and descriptors before anything is opened, once the JDK's own once-per-JVM descriptors exist: NIO's
     * first use keeps a socket pair end for the JVM's life ({@code FileDispatcherImpl}'s pre-close descriptor, made
     * in its static initialiser), which a sample taken before would count as a leak.
     */
    static ResourceSample beforeAnything() throws IOException {
        try (java.nio.channels.FileChannel f = java.nio.channels.FileChannel.open(Path.of("/proc/self/stat"))) {
            f.read(java.nio.ByteBuffer.allocate(64));
        }
        java.nio.channels.DatagramChannel.open().close();
        return quick(0, Duration.ZERO);
    }

    /** Threads, descriptors, and the heap after {@code System.gc()} (twice, so finalised objects are gone too). */
    static ResourceSample full(long at, Duration elapsed) {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        ResourceSample s = quick(at, elapsed);
        return new ResourceSample(at, elapsed, s.threads(), s.threadKinds(), s.fds(), heap);
    }

    /** The same threads (by kind) and descriptors as {@code other}. */
    boolean sameThreadsAndFds(ResourceSample other) {
        return threadKinds.equals(other.threadKinds) && fds == other.fds;
    }

    /**
     * Within {@code base}'s bounds: no kind of thread that {@code base} did not have, at most {@code threadSlack}
     * threads more in all, no more descriptors. The slack is for cached pools (media set-up, a WebSocket client's
     * executor) that grow a thread when two tasks overlap and drop it after a minute idle; a leak outgrows it.
     */
    boolean within(ResourceSample base, int threadSlack) {
        return fds <= base.fds && threads <= base.threads + threadSlack
                && base.threadKinds.keySet().containsAll(threadKinds.keySet());
    }

    static String kind(String threadName) {
        return threadName.replaceAll("\\d+", "#");
    }

    /**
     * Open descriptors of this process, or -1 where /proc is not there; without the files the JVM opens once, on
     * first use, and keeps: the class path's jars, the JDK's {@code lib/modules}, {@code /dev/random} and
     * {@code /dev/urandom} (SecureRandom).
     */
    static int openFds() {
        Path dir = Path.of("/proc/self/fd");
        if (!Files.isDirectory(dir)) {
            return -1;
        }
        try (Stream<Path> list = Files.list(dir)) {
            return (int) list.filter(fd -> !jvmOwn(target(fd))).count() - 1; // the listing's own descriptor
        } catch (IOException e) {
            return -1;
        }
    }

    /** What the open descriptors (but jar files) point to, for a report: sockets, pipes, files. */
    static java.util.List<String> fdTargets() {
        try (Stream<Path> list = Files.list(Path.of("/proc/self/fd"))) {
            return list.map(ResourceSample::target).filter(t -> !jvmOwn(t) && !t.isEmpty())
                    .map(t -> t.startsWith("socket:[") ? socket(t.substring(8, t.length() - 1))
                            : t.replaceAll("\\[\\d+\\]", "")).sorted().toList();
        } catch (IOException e) {
            return java.util.List.of();
        }
    }

    /**
     * A socket by its inode, as {@code /proc/self/net} lists it (protocol, then the kernel's own line: hexadecimal
     * local and remote address, state; or a Unix socket's path), so a report says which socket stayed open.
     */
    private static String socket(String inode) {
        for (String proto : java.util.List.of("tcp", "tcp6", "udp", "udp6", "unix", "netlink")) {
            try (Stream<String> lines = Files.lines(Path.of("/proc/self/net", proto))) {
                java.util.Optional<String> line = lines.skip(1).filter(l -> java.util.Arrays.asList(l.trim()
                        .split("\\s+")).contains(inode)).findFirst();
                if (line.isPresent()) {
                    return "socket " + proto + ": " + line.get().trim().replaceAll("\\s+", " ");
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // not there: try the next
            }
        }
        return "socket:";
    }

    private static boolean jvmOwn(String target) {
        return target.endsWith(".jar") || target.endsWith("/lib/modules") || target.equals("/dev/random")
                || target.equals("/dev/urandom");
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return ""; // closed meanwhile (the listing's own)
        }
    }
}
