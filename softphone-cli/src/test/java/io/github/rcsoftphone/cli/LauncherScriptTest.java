package io.github.rcsoftphone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./softphone} launcher, run against a fake repository with fake {@code mvn} and {@code java}. */
@DisabledOnOs(OS.WINDOWS)
class LauncherScriptTest {

    @TempDir
    Path tmp;
    private Path repo;
    private Path bin;
    private Path cwd;
    private Path jar;

    /** The real repository root: the nearest parent of the test's working directory holding the launcher. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("softphone-cli/pom.xml"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }

    @Test
    void launcherExistsAndIsExecutable() throws IOException {
        Path script = repositoryRoot().resolve("softphone");
        assertThat(script).isRegularFile();
        assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
        assertThat(Files.readAllLines(script).get(0)).isEqualTo("#!/usr/bin/env bash");
    }

    @BeforeEach
    void fakeRepository() throws IOException {
        repo = Files.createDirectories(tmp.resolve("repo"));
        Files.copy(repositoryRoot().resolve("softphone"), repo.resolve("softphone"));
        Files.writeString(repo.resolve("pom.xml"), "<project/>");
        Path src = Files.createDirectories(repo.resolve("softphone-cli/src/main/java"));
        Files.writeString(src.resolve("A.java"), "class A {}");
        jar = Files.createDirectories(repo.resolve("softphone-cli/target")).resolve("softphone.jar");
        bin = Files.createDirectories(tmp.resolve("bin"));
        cwd = Files.createDirectories(tmp.resolve("user dir"));
        script("java", "echo \"java $*\"; echo \"cwd $PWD\"");
        script("mvn", "echo \"mvn $* in $PWD\" >> \"" + tmp.resolve("mvn.log") + "\"; mkdir -p softphone-cli/target;"
                + " touch softphone-cli/target/softphone.jar");
    }

    private void script(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Result(int code, String out, String err) {
    }

    private Result launch(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", repo.resolve("softphone").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().put("TMPDIR", tmp.toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out, err);
    }

    private String mvnLog() throws IOException {
        Path log = tmp.resolve("mvn.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Test
    void upToDateJarRunsWithoutBuildingFromTheCallersDirectory() throws Exception {
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        Result r = launch("--json", "register", "--once");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("java -jar " + jar + " --json register --once\ncwd " + cwd + "\n");
        assertThat(mvnLog()).isEmpty();
    }

    @Test
    void missingJarIsBuiltQuietlyFirst() throws Exception {
        Result r = launch("--help");
        assertThat(r.code()).isZero();
        assertThat(mvnLog()).isEqualTo("mvn -B -q -DskipTests package -pl softphone-cli -am in " + repo + "\n");
        assertThat(r.out()).startsWith("java -jar " + jar + " --help\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void aNewerSourceFileTriggersARebuild() throws Exception {
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
        assertThat(launch("register").code()).isZero();
        assertThat(mvnLog()).contains("package");
    }

    @Test
    void aNewerTestFileDoesNotTriggerARebuild() throws Exception {
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        Path test = Files.createDirectories(repo.resolve("softphone-cli/src/test/java")).resolve("T.java");
        Files.writeString(test, "class T {}");
        Files.setLastModifiedTime(test, FileTime.from(Instant.now().plusSeconds(3600)));
        assertThat(launch("register").code()).isZero();
        assertThat(mvnLog()).isEmpty();
    }

    @Test
    void aFailedBuildShowsTheLogTailAndExitsOne() throws Exception {
        script("mvn", "echo '[ERROR] COMPILATION ERROR: A.java:[1,1] oops'; exit 1");
        Result r = launch("register");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("build failed", "COMPILATION ERROR: A.java:[1,1] oops");
        assertThat(r.out()).isEmpty();
    }
}
