package io.github.rcsoftphone.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code sdp} and {@code rc} import nothing else of the project (no SIP, call or root package). */
class LayeringTest {

    @Test
    void sdpAndRcImportOnlyThemselvesAndTheJdk() throws IOException {
        for (String pkg : List.of("sdp", "rc")) {
            Path dir = Path.of("src/main/java/io/github/rcsoftphone", pkg);
            assertThat(dir).isDirectory();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(file)) {
                        if (line.startsWith("import ")) {
                            assertThat(line).as(file.toString())
                                    .matches("import (static )?(java|javax|org\\.xml\\.sax)\\..*");
                        }
                    }
                }
            }
        }
    }
}
