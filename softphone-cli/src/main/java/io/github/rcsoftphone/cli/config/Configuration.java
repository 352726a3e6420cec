package io.github.rcsoftphone.cli.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Where the CLI's settings come from: the process environment merged with {@code .env} in the working directory. */
public final class Configuration {

    /** The name of the file read from the working directory. */
    public static final String DOT_ENV = ".env";

    private Configuration() {
    }

    /**
     * Returns {@code environment} merged with {@code workDir/.env}; a variable set in the environment wins over the
     * file, even when it is empty.
     *
     * @throws DotEnvException when the file exists and is malformed or unreadable
     */
    public static Map<String, String> load(Map<String, String> environment, Path workDir) {
        Map<String, String> merged = new HashMap<>(DotEnv.load(workDir.resolve(DOT_ENV)));
        merged.putAll(environment);
        return Map.copyOf(merged);
    }
}
