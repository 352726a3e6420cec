package io.github.rcsoftphone.interop.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Kills process trees and waits until every process is gone. */
public final class Processes {

    private Processes() {
    }

    /** Kills {@code root} and its descendants with SIGKILL and waits for them. */
    public static void kill(ProcessHandle root, Duration wait) {
        List<ProcessHandle> tree = tree(root);
        tree.forEach(ProcessHandle::destroyForcibly);
        waitAll(tree, wait);
    }

    /** {@code root} followed by all its live descendants. */
    public static List<ProcessHandle> tree(ProcessHandle root) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(root), root.descendants()).toList();
    }

    private static boolean waitAll(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle h : handles) {
            long left = deadline - System.nanoTime();
            try {
                h.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            }
        }
        return true;
    }
}
