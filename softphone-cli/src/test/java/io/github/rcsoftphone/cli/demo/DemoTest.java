package io.github.rcsoftphone.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.cli.Main;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code softphone demo}: a real call through the embedded edge, checked by the frequency of its recording. */
class DemoTest {

    @TempDir
    Path dir;

    @Test
    void demoInItsOwnProcessExitsZeroAndItsRecordingHoldsTheTone() throws Exception {
        long start = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "demo", "--record", "rec"));
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(dir.resolve("stderr.txt").toFile()).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        double seconds = (System.nanoTime() - start) / 1e9;
        String err = Files.readString(dir.resolve("stderr.txt"));
        assertThat(p.exitValue()).as(out + err).isZero();
        assertThat(err).as("nothing on stderr in a good run").isEmpty();
        assertThat(out).contains("registered 16505550100 via WSS", "caller: registered 16505550101",
                "incoming call", "answered", "demo: OK");
        // a bound against hangs (the demo's call lasts a few seconds), not a speed target: those are benchmarks; a
        // loaded CI machine took 15 s once
        assertThat(seconds).as("whole demo process, JVM start included").isLessThan(40);
        Path wav = onlyWav(dir.resolve("rec"));
        assertThat(out).contains(wav.toString());
        short[] pcm = AudioAnalysis.readWav(wav);
        assertThat(AudioAnalysis.dominantFrequency(pcm, AudioAnalysis.wavSampleRate(wav))).isCloseTo(440.0,
                org.assertj.core.data.Offset.offset(5.0));
        assertThat(pcm.length / (double) AudioAnalysis.wavSampleRate(wav)).isGreaterThan(2.0);
    }

    @Test
    void tlsFlavourWithPcmuLeavesNoThreadOrPortBehind() throws Exception {
        Set<String> before = softphoneThreads();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoRun.Result result = new DemoRun(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
                Clock.systemUTC(), new DemoRun.Options(TransportKind.TLS, 1000, 1.5, null, dir, List.of("PCMU")))
                .run();
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(result.passed()).as(out).isTrue();
        assertThat(result.stats().codec()).startsWithIgnoringCase("pcmu");
        assertThat(result.check().dominantHz()).isCloseTo(1000.0, org.assertj.core.data.Offset.offset(5.0));
        assertThat(out).contains("via TLS");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(softphoneThreads()).isSubsetOf(before));
        Matcher ports = Pattern.compile("WSS port (\\d+), TLS port (\\d+)").matcher(out);
        assertThat(ports.find()).isTrue();
        for (int i = 1; i <= 2; i++) {
            try (ServerSocket s = new ServerSocket(Integer.parseInt(ports.group(i)), 50, InetAddress.getLoopbackAddress())) {
                assertThat(s.isBound()).isTrue();
            }
        }
    }

    @Test
    void jsonModePrintsEventsAndAResultObject() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoRun.Result result = new DemoRun(new PrintStream(bytes, true, StandardCharsets.UTF_8), true,
                Clock.systemUTC(), new DemoRun.Options(TransportKind.WSS, 700, 1.0, null, dir, List.of("opus")))
                .run();
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(result.passed()).as(String.join("\n", lines)).isTrue();
        assertThat(lines.stream().filter(l -> !l.startsWith("demo:"))).allMatch(l -> l.startsWith("{\"event\":"));
        assertThat(lines).anyMatch(l -> l.startsWith("{\"event\":\"registered\""))
                .anyMatch(l -> l.startsWith("{\"event\":\"answered\""));
        assertThat(lines.get(lines.size() - 1)).startsWith("{\"event\":\"demo\",\"passed\":true")
                .contains("\"codec\":\"opus/48000/2\"");
    }

    @Test
    void aSilentRecordingFailsTheDemo() throws Exception {
        Path silence = dir.resolve("silence.wav");
        byte[] zeros = new byte[16_000 * 2 * 2];
        AudioFormat format = new AudioFormat(16_000, 16, 1, true, false);
        try (AudioInputStream in = new AudioInputStream(new java.io.ByteArrayInputStream(zeros), format, 32_000)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, silence.toFile());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DemoRun.Result result = new DemoRun(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
                Clock.systemUTC(), new DemoRun.Options(TransportKind.WSS, 440, 1.0, silence, dir, List.of("PCMU")))
                .run();
        assertThat(result.passed()).isFalse();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("demo: FAILED:");
    }

    private static Path onlyWav(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> wavs = files.filter(f -> f.toString().endsWith(".wav")).toList();
            assertThat(wavs).hasSize(1);
            return wavs.get(0);
        }
    }

    private static Set<String> softphoneThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("softphone")).collect(Collectors.toSet());
    }
}
