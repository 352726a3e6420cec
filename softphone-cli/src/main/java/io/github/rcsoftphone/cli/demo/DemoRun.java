package io.github.rcsoftphone.cli.demo;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.edge.LocalEdge;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.media.audio.AudioSource;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.media.audio.WavSource;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * {@code softphone demo}: the whole product in one run with no account. Starts the embedded local edge with two
 * accounts, registers the demo softphone (which answers and records every call) and a second built-in phone, has
 * the second phone call the first and play a tone (or a WAV file), hangs up, and checks that the recording holds
 * what was sent. Every phone, thread and socket it opens is closed before it returns.
 */
public final class DemoRun {

    /** The demo softphone's account on the local edge. */
    public static final LocalEdge.Account SOFTPHONE = new LocalEdge.Account("802398804016", "16505550100",
            "demo-Pa55word.16");
    /** The built-in caller's account. */
    public static final LocalEdge.Account CALLER = new LocalEdge.Account("802398804017", "16505550101",
            "demo-Pa55word.17");

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LAST_PACKETS = Duration.ofMillis(300);

    /**
     * What to run.
     *
     * @param transport WSS (WebRTC media) or TLS (SDES-keyed SRTP)
     * @param toneHz the caller's tone when {@code play} is null
     * @param seconds how long the caller plays before hanging up
     * @param play a WAV file the caller plays instead of the tone, or null
     * @param recordDir where the recording goes
     * @param codecs codec preference of both phones
     */
    public record Options(TransportKind transport, double toneHz, double seconds, Path play, Path recordDir,
            List<String> codecs) {
    }

    /** What the run found; {@code check} is null when no recording was made. */
    public record Result(boolean passed, String problem, DemoCheck check, Call.CallStats stats, Duration elapsed) {
    }

    private final PrintStream out;
    private final boolean json;
    private final Clock clock;
    private final Options options;
    private final Object printLock = new Object();

    public DemoRun(PrintStream out, boolean json, Clock clock, Options options) {
        this.out = out;
        this.json = json;
        this.clock = clock;
        this.options = options;
    }

    /** Runs the demo; the result says whether the recording held what was sent. */
    public Result run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        double sentHz = options.play() == null ? options.toneHz() : fileFrequency(options.play());
        Files.createDirectories(options.recordDir());
        try (LocalEdge edge = LocalEdge.builder().account(SOFTPHONE).account(CALLER).build()) {
            edge.start();
            say(String.format(Locale.ROOT, "demo: local SIP edge %s on 127.0.0.1 (WSS port %d, TLS port %d)",
                    edge.sipInfo(SOFTPHONE, options.transport()).domain(), edge.port(TransportKind.WSS),
                    edge.port(TransportKind.TLS)));
            SipInfo calleeInfo = edge.sipInfo(SOFTPHONE, options.transport());
            SipInfo callerInfo = edge.sipInfo(CALLER, options.transport());
            Printer callee = new Printer("", calleeInfo);
            Printer caller = new Printer("caller: ", callerInfo);
            CompletableFuture<Call> incoming = new CompletableFuture<>();
            Softphone.Builder common = Softphone.builder().tls(edge.clientTls()).codecs(options.codecs())
                    .mediaAddress(java.net.InetAddress.getLoopbackAddress()) // media stays on this machine too
                    .userAgent("ringcentral-softphone-java demo");
            try (Softphone phone = common.sipInfo(calleeInfo).listener(callee::print).onIncomingCall(call -> {
                        try {
                            call.record(recording(call));
                        } catch (IOException e) {
                            say("demo: cannot record: " + e.getMessage());
                        }
                        call.answer();
                        incoming.complete(call);
                    }).build();
                    Softphone second = common.sipInfo(callerInfo).listener(caller::print).build()) {
                await(phone.register(), "the demo softphone to register");
                await(second.register(), "the caller to register");
                say(String.format(Locale.ROOT, "demo: %s calls %s and plays %s for %.1f s", CALLER.username(),
                        SOFTPHONE.username(), options.play() == null
                                ? String.format(Locale.ROOT, "a %.0f Hz tone", options.toneHz())
                                : options.play().getFileName(), options.seconds()));
                Call out = second.call(SOFTPHONE.username());
                await(out.answered(), "the call to be answered");
                CompletableFuture<Void> played = new CompletableFuture<>();
                out.play(new EndNotifyingSource(source(), played));
                Call answered = await(incoming, "the incoming call");
                // Hang up once everything was sent (however fast this machine encodes), plus a moment for the
                // last packets to arrive; the far end hanging up first ends the wait too.
                await(CompletableFuture.anyOf(played, out.ended()), "the caller to finish playing",
                        Duration.ofMillis((long) (options.seconds() * 3000)).plus(STEP_TIMEOUT));
                try {
                    out.ended().get(LAST_PACKETS.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    out.hangup(); // the usual way
                } catch (ExecutionException e) {
                    throw new DemoException("the call failed: " + e.getCause().getMessage());
                }
                Call.CallEnd end = await(answered.ended(), "the call to end");
                phone.close();
                second.close();
                Path wav = recording(answered);
                DemoCheck check = DemoCheck.of(wav, sentHz, options.seconds());
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                report(check, end.stats(), elapsed);
                return new Result(check.passed(), check.problem(), check, end.stats(), elapsed);
            }
        } catch (DemoException e) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            report(null, Call.CallStats.NONE, elapsed, e.getMessage());
            return new Result(false, e.getMessage(), null, Call.CallStats.NONE, elapsed);
        }
    }

    private AudioSource source() throws IOException {
        return options.play() == null
                ? new ToneSource(options.toneHz(), 48_000, 0.5, Duration.ofMillis((long) (options.seconds() * 1000)))
                : WavSource.open(options.play());
    }

    private static double fileFrequency(Path wav) throws IOException {
        short[] pcm = AudioAnalysis.readWav(wav);
        if (pcm.length == 0) {
            throw new IOException("the --play file " + wav + " holds no audio");
        }
        return AudioAnalysis.dominantFrequency(pcm, AudioAnalysis.wavSampleRate(wav));
    }

    private void report(DemoCheck check, Call.CallStats stats, Duration elapsed) {
        report(check, stats, elapsed, check.problem());
    }

    private void report(DemoCheck check, Call.CallStats stats, Duration elapsed, String problem) {
        boolean passed = check != null && check.passed();
        if (json) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("event", "demo");
            f.put("passed", passed);
            f.put("problem", problem);
            f.put("transport", options.transport().name());
            f.put("codec", stats.codec());
            f.put("packets", stats.packetsReceived());
            f.put("lost", stats.packetsLost());
            f.put("sent_hz", check == null ? null : round(check.sentHz()));
            f.put("recorded_hz", check == null ? null : round(check.dominantHz()));
            f.put("recorded_seconds", check == null ? null : round(check.seconds()));
            f.put("level_dbfs", check == null ? null : round(check.levelDbfs()));
            f.put("recording", check == null ? null : check.recording().toString());
            f.put("elapsed_ms", elapsed.toMillis());
            f.put("time", java.time.format.DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
            say(io.github.rcsoftphone.cli.output.Json.write(f));
            return;
        }
        if (check != null) {
            say("demo: recording " + check.recording() + ": " + check.describe());
            say(String.format(Locale.ROOT, "demo: call over %s, codec %s, %d packets received, %d lost",
                    options.transport(), stats.codec(), stats.packetsReceived(), stats.packetsLost()));
        }
        say(passed
                ? String.format(Locale.ROOT, "demo: OK, the recording holds the %.1f Hz that was sent (%.1f s)",
                        check.sentHz(), elapsed.toMillis() / 1000.0)
                : "demo: FAILED: " + problem);
    }

    private static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10) / 10.0 : v;
    }

    private void say(String line) {
        synchronized (printLock) {
            out.println(line);
            out.flush();
        }
    }

    private static <T> T await(CompletableFuture<T> future, String what) throws InterruptedException {
        return await(future, what, STEP_TIMEOUT);
    }

    private static <T> T await(CompletableFuture<T> future, String what, Duration timeout)
            throws InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new DemoException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        } catch (ExecutionException e) {
            throw new DemoException("failed waiting for " + what + ": " + e.getCause().getMessage());
        }
    }

    /** Where the demo softphone records {@code call}. */
    private Path recording(Call call) {
        return options.recordDir().resolve(io.github.rcsoftphone.cli.OptionValues.recordingName(call.id()));
    }

    /** Prints one phone's events, plain or JSON; the caller's plain lines carry a prefix. */
    private final class Printer {
        private final Consumer<SoftphoneEvent> sink;

        Printer(String prefix, SipInfo info) {
            if (json) {
                var printer = new io.github.rcsoftphone.cli.output.JsonEventPrinter(out, clock);
                this.sink = prefix.isEmpty() ? e -> say(printer.line(e)) : e -> { };
            } else {
                var printer = new io.github.rcsoftphone.cli.output.PlainEventPrinter(out, info);
                this.sink = e -> say(prefix + printer.line(e));
            }
        }

        void print(SoftphoneEvent event) {
            sink.accept(event);
        }
    }

    /** A step of the demo did not happen. */
    static final class DemoException extends RuntimeException {
        DemoException(String message) {
            super(message, null, false, false);
        }
    }
}
