package io.github.rcsoftphone.interop.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Short temp directories (unix socket paths must stay under 108 bytes) and their recursive removal. */
public final class TempDirs {

    private TempDirs() {
    }

    /** A new directory under {@code /tmp} (or java.io.tmpdir when /tmp is missing). */
    public static Path create(String prefix) throws IOException {
        Path tmp = Path.of("/tmp");
        return Files.isDirectory(tmp) ? Files.createTempDirectory(tmp, prefix) : Files.createTempDirectory(prefix);
    }

    /** Deletes {@code dir} and everything below it; a missing directory is fine. */
    public static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
