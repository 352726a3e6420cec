package io.github.rcsoftphone.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTest {

    @Test
    void environmentWinsOverDotEnv(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "A=file\nB=file\nC=file\n");
        Map<String, String> merged = Configuration.load(Map.of("B", "env", "C", ""), dir);
        assertThat(merged).containsEntry("A", "file").containsEntry("B", "env").containsEntry("C", "");
    }

    @Test
    void noDotEnvMeansTheEnvironmentOnly(@TempDir Path dir) {
        assertThat(Configuration.load(Map.of("X", "1"), dir)).isEqualTo(Map.of("X", "1"));
    }

    @Test
    void malformedDotEnvNamesThePath(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "OK=1\nnot valid\n");
        assertThatThrownBy(() -> Configuration.load(Map.of(), dir))
                .hasMessageStartingWith(dir.resolve(".env") + ":2: ");
    }
}
