package io.github.rcsoftphone.edge.soak;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.CallOptions;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.edge.LocalEdge;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Sequential calls between softphones in one JVM, through an embedded {@link LocalEdge}: each call is set up, carries
 * a tone both ways until each side has received a few loud frames, and is hung up. The calls cycle through both
 * flavours and both directions, four softphones in two pairs (a softphone's flavour is its transport's: WSS offers
 * WebRTC, TLS offers SDES): WebRTC A to B (Opus), WebRTC B to A (PCMU), SDES A to B (PCMU), SDES B to A (Opus).
 * Threads, descriptors and the heap after GC are sampled every {@code every} calls from a warm baseline on.
 */
final class CallSoak {
    /** Frames (20 ms) louder than {@link #LOUD_DBFS} each side must receive before the hang-up. */
    static final int FRAMES = 3;
    private static final double LOUD_DBFS = -30;
    private static final Duration STEP = Duration.ofSeconds(15);
    /**
     * How long a sample may take to come back within the baseline's bounds (a descriptor was seen over the baseline
     * for more than 10 s once, on a loaded machine, and gone at the next sample); a leak stays. No rest is needed
     * before the first and the last sample: an ended call is garbage at once (the INVITE transaction kept for RFC
     * 6026 Timer M holds only the ACK).
     */
    private static final Duration SETTLE = Duration.ofSeconds(40);

    private record Leg(Softphone caller, Peer callee, String codec, String label) {
    }

    /** A softphone that answers every call, plays a tone and counts the loud frames it hears. */
    private static final class Peer {
        final Softphone phone;
        final String number;
        final AtomicReference<CompletableFuture<Call>> next = new AtomicReference<>(new CompletableFuture<>());
        final AtomicReference<CountDownLatch> heard = new AtomicReference<>(new CountDownLatch(FRAMES));

        Peer(LocalEdge edge, LocalEdge.Account account, TransportKind kind) {
            this.number = account.username();
            this.phone = Softphone.builder().sipInfo(edge.sipInfo(account, kind)).tls(edge.clientTls())
                    .mediaAddress(InetAddress.getLoopbackAddress()).codecs(List.of("opus", "PCMU"))
                    .onIncomingCall(this::answer).build();
        }

        private void answer(Call call) {
            listen(call, heard.get());
            call.play(new ToneSource(1000, 8000, 0.5, null));
            call.answer();
            next.get().complete(call);
        }
    }

    private final int calls;
    private final int every;
    private final int warmUp;
    private final double heapLimitKb;
    private final PrintStream log;

    /**
     * @param calls calls after the warm-up
     * @param every sample every this many calls
     * @param warmUp calls before the baseline sample
     */
    CallSoak(int calls, int every, int warmUp, double heapLimitKb, PrintStream log) {
        this.calls = calls;
        this.every = every;
        this.warmUp = warmUp;
        this.heapLimitKb = heapLimitKb;
        this.log = log;
    }

    SoakReport run() throws Exception {
        List<LocalEdge.Account> accounts = LocalEdge.Account.generate(4);
        List<ResourceSample> samples = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, String> figures = new LinkedHashMap<>();
        long setupNanos = 0;
        long audioNanos = 0;
        long slowest = 0;
        long started = System.nanoTime();
        long measuredFrom = 0;
        ResourceSample before = ResourceSample.beforeAnything();
        try (LocalEdge edge = LocalEdge.builder().accounts(accounts).build()) {
            edge.start();
            Peer wssA = new Peer(edge, accounts.get(0), TransportKind.WSS);
            Peer wssB = new Peer(edge, accounts.get(1), TransportKind.WSS);
            Peer tlsA = new Peer(edge, accounts.get(2), TransportKind.TLS);
            Peer tlsB = new Peer(edge, accounts.get(3), TransportKind.TLS);
            List<Peer> peers = List.of(wssA, wssB, tlsA, tlsB);
            try {
                for (Peer p : peers) {
                    p.phone.register().get(STEP.toSeconds(), TimeUnit.SECONDS);
                }
                List<Leg> cycle = List.of(new Leg(wssA.phone, wssB, "opus", "WebRTC A->B opus"),
                        new Leg(wssB.phone, wssA, "PCMU", "WebRTC B->A PCMU"),
                        new Leg(tlsA.phone, tlsB, "PCMU", "SDES A->B PCMU"),
                        new Leg(tlsB.phone, tlsA, "opus", "SDES B->A opus"));
                ResourceSample base = null;
                int lastDone = 0;
                ClassHistogram warm = null;
                for (int i = 0; i < warmUp + calls; i++) {
                    Leg leg = cycle.get(i % cycle.size());
                    long t0 = System.nanoTime();
                    long[] split;
                    try {
                        split = call(leg);
                    } catch (ExecutionException | TimeoutException | IllegalStateException e) {
                        failures.add("call " + (i + 1) + " (" + leg.label() + ") failed: " + e);
                        if (failures.size() >= 5) {
                            break;
                        }
                        continue;
                    }
                    int done = i + 1 - warmUp;
                    lastDone = done;
                    if (done > 0) {
                        setupNanos += split[0];
                        audioNanos += split[1];
                        slowest = Math.max(slowest, System.nanoTime() - t0);
                    }
                    if (done == 0) {
                        base = baseline(started);
                        warm = ClassHistogram.take();
                        measuredFrom = System.nanoTime();
                        samples.add(base);
                        log.println(line(base));
                    } else if (done > 0 && done % every == 0 && done < calls) {
                        ResourceSample s = settled(done, base, started);
                        samples.add(s);
                        log.println(line(s));
                    }
                }
                if (base != null) {
                    ResourceSample end = settled(lastDone, base, started);
                    samples.add(end);
                    log.println(line(end) + " (at rest)");
                }
                if (warm != null) {
                    figures.put("heap growth by class, baseline to end (top 8)",
                            String.join("; ", ClassHistogram.take().topGrowth(warm, 8)));
                }
            } finally {
                for (Peer p : peers) {
                    p.phone.close();
                }
            }
        }
        failures.addAll(released(before));
        long measured = System.nanoTime() - measuredFrom;
        int n = Math.max(1, calls);
        figures.put("calls", String.format(Locale.ROOT, "%,d after %d warm-up calls, cycling %s", calls, warmUp,
                "WebRTC A->B opus, WebRTC B->A PCMU, SDES A->B PCMU, SDES B->A opus"));
        figures.put("calls per second", String.format(Locale.ROOT, "%.2f (%.0f ms per call, incl. sampling)",
                calls / (measured / 1e9), measured / 1e6 / n));
        figures.put("mean set-up (call to answered, both sides)", String.format(Locale.ROOT, "%.0f ms", setupNanos / 1e6 / n));
        figures.put("mean audio (answered to " + FRAMES + " loud frames each way)",
                String.format(Locale.ROOT, "%.0f ms", audioNanos / 1e6 / n));
        figures.put("slowest call", String.format(Locale.ROOT, "%.0f ms", slowest / 1e6));
        return new SoakReport("Sequential calls", "calls", 1000, samples, Duration.ofNanos(System.nanoTime() - started),
                heapLimitKb, figures, failures);
    }

    /** One call; returns the set-up and the audio time in nanoseconds. */
    private long[] call(Leg leg) throws Exception {
        Peer callee = leg.callee();
        CompletableFuture<Call> incoming = new CompletableFuture<>();
        callee.next.set(incoming);
        CountDownLatch calleeHeard = new CountDownLatch(FRAMES);
        callee.heard.set(calleeHeard);
        CountDownLatch callerHeard = new CountDownLatch(FRAMES);
        long t0 = System.nanoTime();
        Call out = leg.caller().call(callee.number, CallOptions.defaults().withCodecs(List.of(leg.codec()))
                .withRingTimeout(STEP));
        listen(out, callerHeard);
        out.play(new ToneSource(440, 8000, 0.5, null));
        Call in;
        try {
            out.answered().get(STEP.toSeconds(), TimeUnit.SECONDS);
            in = incoming.get(STEP.toSeconds(), TimeUnit.SECONDS);
            in.answered().get(STEP.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            out.hangup();
            throw e;
        }
        long t1 = System.nanoTime();
        boolean audio = callerHeard.await(STEP.toSeconds(), TimeUnit.SECONDS)
                && calleeHeard.await(STEP.toSeconds(), TimeUnit.SECONDS);
        long t2 = System.nanoTime();
        out.hangup();
        Call.CallEnd end = out.ended().get(STEP.toSeconds(), TimeUnit.SECONDS);
        Call.CallEnd farEnd = in.ended().get(STEP.toSeconds(), TimeUnit.SECONDS);
        if (!audio) {
            throw new IllegalStateException("no audio: caller heard " + (FRAMES - callerHeard.getCount())
                    + ", callee " + (FRAMES - calleeHeard.getCount()) + " of " + FRAMES + " loud frames");
        }
        if (end.reason() != Call.CallEndReason.HANGUP || farEnd.reason() != Call.CallEndReason.REMOTE_HANGUP) {
            throw new IllegalStateException("ended " + end.reason() + " / " + farEnd.reason());
        }
        return new long[] {t1 - t0, t2 - t1};
    }

    private static void listen(Call call, CountDownLatch heard) {
        call.onAudio(8000, pcm -> {
            if (AudioAnalysis.rmsDbfs(pcm) > LOUD_DBFS) {
                heard.countDown();
            }
        });
    }

    /** The warm baseline: once threads and descriptors stayed the same for a second. */
    static ResourceSample baseline(long started) {
        AtomicReference<ResourceSample> last = new AtomicReference<>(ResourceSample.quick(0, Duration.ZERO));
        AtomicInteger stable = new AtomicInteger();
        try {
            Awaitility.await().pollInSameThread().pollInterval(Duration.ofMillis(100)).atMost(SETTLE).until(() -> {
                ResourceSample now = ResourceSample.quick(0, Duration.ZERO);
                boolean same = now.sameThreadsAndFds(last.getAndSet(now));
                return (same ? stable.incrementAndGet() : stable.getAndSet(0)) >= 10;
            });
        } catch (ConditionTimeoutException e) {
            // take it as it is: the samples that follow show whether it was a transient
        }
        return ResourceSample.full(0, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * A full sample once the threads and descriptors of the calls just ended are gone, i.e. the sample is within the
     * baseline's bounds (or after {@link #SETTLE}).
     */
    static ResourceSample settled(long at, ResourceSample base, long started) {
        return settled(at, base, SoakReport.THREAD_SLACK, started);
    }

    private static ResourceSample settled(long at, ResourceSample base, int slack, long started) {
        // the full sample (two GCs) is taken again while it is out of bounds: a descriptor opened between a quick
        // check and the full sample (seen once at load 10: 38 against 37) is transient; a leak stays past SETTLE
        AtomicReference<ResourceSample> full = new AtomicReference<>();
        try {
            Awaitility.await().pollInSameThread().pollInterval(Duration.ofMillis(20)).atMost(SETTLE).until(() -> {
                if (!ResourceSample.quick(at, Duration.ZERO).within(base, slack)) {
                    return false;
                }
                full.set(ResourceSample.full(at, Duration.ofNanos(System.nanoTime() - started)));
                return full.get().within(base, slack);
            });
        } catch (ConditionTimeoutException e) {
            // recorded as it is: the report names the difference
        }
        return full.get() != null && full.get().within(base, slack) ? full.get()
                : ResourceSample.full(at, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * After everything is closed: the JVM is back to {@code before} (no thread kind that was not there, no more
     * threads or descriptors), waiting up to {@link #SETTLE}; else a failure line.
     */
    static List<String> released(ResourceSample before) {
        ResourceSample after = settled(-1, before, 0, System.nanoTime());
        return after.within(before, 0) ? List.of() : List.of("after close: " + after.threads() + " threads "
                + after.threadKinds() + ", " + after.fds() + " descriptors; before the soak " + before.threads()
                + " threads " + before.threadKinds() + ", " + before.fds() + " descriptors; open now: "
                + ResourceSample.fdTargets());
    }

    static String line(ResourceSample s) {
        return String.format(Locale.ROOT, "soak: %,6d  %s  threads %d  fds %d  heap %.1f MB", s.at(),
                SoakReport.clock(s.elapsed()), s.threads(), s.fds(), s.heapAfterGc() / 1048576.0);
    }
}
