package io.github.rcsoftphone.bench;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.CallOptions;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.edge.LocalEdge;
import io.github.rcsoftphone.media.audio.LoopSource;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.media.codec.OpusImplementation;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The callers, in the driver process: one softphone (account 0) that calls account {@code target} through the edge,
 * WebRTC over WSS, sending a 440 Hz tone. The load is made as cheaply as the scenario allows, so that the driver does
 * not take the cores from the process under test: the tone is one precomputed second looped ({@link LoopSource}),
 * a call decodes what it receives only until its first frame (then its {@code onAudio} consumer is removed and
 * nothing buffers or decodes: the packets are still received, authenticated and counted), and Opus is encoded at the
 * complexity given (the driver uses {@link #DRIVER_OPUS_COMPLEXITY}). Latencies are measured here, from just before {@code Softphone.call} to
 * {@code accepted()} (the answerer's 200 OK arrived), to {@code answered()} (200 OK, ACK, ICE and DTLS done: media
 * flows) and to the first decoded 20 ms frame of the answerer's audio. Commands:
 * <ul>
 * <li>{@code SERIAL n codec target}: n calls one after the other, each hung up after its first audio frame</li>
 * <li>{@code CALLS n perSecond codec target}: n calls started at that rate, kept up</li>
 * <li>both answer {@code ESTABLISHED ok failed}, then {@code LATENCY acceptedMs,... answeredMs,... firstAudioMs,...
 *     answererOkMs,... callId=inviteNanos,...}: the last two from the edge ({@link EdgeTimings}): the answerer's
 *     INVITE -> 200 OK, and when each call's INVITE was written towards the answerer</li>
 * <li>{@code HANGUP}: hangs up every call kept up: {@code HUNGUP calls packetsSent packetsReceived}</li>
 * </ul>
 */
final class CallerLoad implements AutoCloseable {
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    /** The callers' Opus encoder complexity: the cheapest; the process under test keeps the default. */
    static final int DRIVER_OPUS_COMPLEXITY = 0;
    /** The tone every caller plays. */
    static final double TONE_HZ = 440;

    private final ChildIo io;
    private final LocalEdge edge;
    private final OpusImplementation opus;
    private final EdgeTimings timings;
    private final int opusComplexity;
    /** One second of the tone per sample rate (440 Hz: a whole number of periods, so it loops without a seam). */
    private final Map<Integer, short[]> tones = new HashMap<>();
    private final ScheduledExecutorService pacer = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "bench-pacer");
        t.setDaemon(true);
        return t;
    });
    private final List<Placed> up = new ArrayList<>();
    private Softphone caller;

    /**
     * {@code opus} and {@code opusComplexity} (0-10): the calling softphone's Opus implementation and complexity;
     * {@code timings}: what the edge saw of the calls.
     */
    CallerLoad(ChildIo io, LocalEdge edge, OpusImplementation opus, int opusComplexity, EdgeTimings timings) {
        this.io = io;
        this.timings = timings;
        this.edge = edge;
        this.opus = opus;
        this.opusComplexity = opusComplexity;
    }

    /** One placed call and its timings (nanoTime). */
    private record Placed(Call call, long start, CompletableFuture<Long> accepted, CompletableFuture<Long> answered,
            CompletableFuture<Long> firstAudio) {
        CompletableFuture<Void> all() {
            return CompletableFuture.allOf(accepted, answered, firstAudio);
        }
    }

    void command(String[] cmd) {
        switch (cmd[0]) {
            case "SERIAL" -> serial(Integer.parseInt(cmd[1]), cmd[2], Integer.parseInt(cmd[3]));
            case "CALLS" -> paced(Integer.parseInt(cmd[1]), Double.parseDouble(cmd[2]), cmd[3], Integer.parseInt(cmd[4]));
            case "HANGUP" -> hangUp();
            default -> io.answer("ERROR", "unknown command " + cmd[0]);
        }
    }

    private Softphone caller() {
        if (caller == null) {
            caller = Softphone.builder().sipInfo(edge.sipInfo(BenchAccounts.account(0), TransportKind.WSS))
                    .tls(edge.clientTls()).opus(opus).opusComplexity(opusComplexity).build();
            caller.register().join();
        }
        return caller;
    }

    private Placed place(String codec, int target) {
        Softphone phone = caller();
        CompletableFuture<Long> firstAudio = new CompletableFuture<>();
        long start = System.nanoTime();
        Call call = phone.call(BenchAccounts.account(target).username(), CallOptions.defaults().withCodecs(List.of(codec)));
        int rate = codec.equalsIgnoreCase("opus") ? 48000 : 8000;
        call.onAudio(rate, frame -> {
            firstAudio.complete(System.nanoTime());
            call.onAudio(rate, null);   // timed: from now on nothing received is decoded
        });
        call.play(new LoopSource(tone(rate), rate, Duration.ofHours(1)));
        // a call that ends before its first frame (failed set-up) fails its wait instead of running into the timeout
        call.ended().thenRun(() -> firstAudio.completeExceptionally(
                new IllegalStateException("call " + call.id() + " ended before its first audio frame")));
        CompletableFuture<Long> accepted = call.accepted().thenApply(v -> System.nanoTime());
        CompletableFuture<Long> answered = call.answered().thenApply(v -> System.nanoTime());
        return new Placed(call, start, accepted, answered, firstAudio);
    }

    /** One second of the tone at {@code rate} (made once per rate; each call loops its own copy). */
    private short[] tone(int rate) {
        synchronized (tones) {
            return tones.computeIfAbsent(rate, r -> new ToneSource(TONE_HZ, r, 0.3, null).read(r));
        }
    }

    private void serial(int n, String codec, int target) {
        List<Placed> done = new ArrayList<>();
        int failed = 0;
        for (int i = 0; i < n; i++) {
            Placed p = place(codec, target);
            try {
                p.all().get(SETUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                done.add(p);
            } catch (Exception e) {
                failed++;
                System.err.println("call " + i + " failed: " + e);
            }
            p.call.hangup();
            p.call.ended().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
        }
        report(done, failed);
    }

    private void paced(int n, double perSecond, String codec, int target) {
        List<Placed> placed = new ArrayList<>();
        CompletableFuture<Void> allPlaced = new CompletableFuture<>();
        AtomicInteger count = new AtomicInteger();
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        Runnable tick = () -> {
            if (count.get() >= n) {
                return;
            }
            count.incrementAndGet();
            try {
                Placed p = place(codec, target);
                synchronized (placed) {
                    placed.add(p);
                }
            } catch (RuntimeException e) {
                System.err.println("placing a call failed: " + e);
            }
            if (count.get() >= n) {
                allPlaced.complete(null);
                task[0].cancel(false);
            }
        };
        synchronized (placed) {
            task[0] = pacer.scheduleAtFixedRate(tick, 0, Math.max(1, (long) (1e9 / perSecond)), TimeUnit.NANOSECONDS);
        }
        allPlaced.orTimeout((long) (n / perSecond) + 60, TimeUnit.SECONDS).join();
        List<Placed> copy;
        synchronized (placed) {
            copy = List.copyOf(placed);
        }
        List<Placed> ok = new ArrayList<>();
        int failed = n - copy.size();
        for (Placed p : copy) {
            try {   // each call gets SETUP_TIMEOUT from its own start (waiting one after the other adds up)
                long left = p.start + SETUP_TIMEOUT.toNanos() - System.nanoTime();
                p.all().get(Math.max(0, left), TimeUnit.NANOSECONDS);
                ok.add(p);
            } catch (Exception e) {
                failed++;
                System.err.println("call " + p.call.id() + " failed: " + e);
            }
        }
        up.addAll(copy);
        report(ok, failed);
    }

    private void report(List<Placed> ok, int failed) {
        io.answer("ESTABLISHED", ok.size(), failed);
        String answerer = ok.stream().map(p -> Double.toString(timings.inviteToOkMillis(p.call.id())))
                .collect(Collectors.joining(","));
        String invites = ok.stream().map(p -> p.call.id() + "=" + timings.invite(p.call.id()))
                .collect(Collectors.joining(","));
        io.answer("LATENCY", millis(ok, Placed::accepted), millis(ok, Placed::answered), millis(ok, Placed::firstAudio),
                answerer.isEmpty() ? "-" : answerer, invites.isEmpty() ? "-" : invites);
        timings.clear();
    }

    /** The calls' times from start to {@code when}, in ms, comma-separated ("-" for none). */
    private static String millis(List<Placed> calls, Function<Placed, CompletableFuture<Long>> when) {
        String csv = calls.stream().map(p -> Double.toString((when.apply(p).join() - p.start) / 1e6))
                .collect(Collectors.joining(","));
        return csv.isEmpty() ? "-" : csv;
    }

    private void hangUp() {
        AtomicLong sent = new AtomicLong();
        AtomicLong received = new AtomicLong();
        up.forEach(p -> p.call.hangup());
        for (Placed p : up) {
            Call.CallEnd end = p.call.ended().completeOnTimeout(null, 20, TimeUnit.SECONDS).join();
            Call.CallStats s = end != null ? end.stats() : p.call.stats();
            sent.addAndGet(s.packetsSent());
            received.addAndGet(s.packetsReceived());
        }
        io.answer("HUNGUP", up.size(), sent.get(), received.get());
        up.clear();
    }

    @Override
    public void close() {
        pacer.shutdownNow();
        if (caller != null) {
            caller.close();
        }
    }
}
