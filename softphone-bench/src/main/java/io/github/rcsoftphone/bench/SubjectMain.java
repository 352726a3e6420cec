package io.github.rcsoftphone.bench;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneRuntime;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.media.codec.OpusImplementation;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process under test: softphones on one shared {@link SoftphoneRuntime}, nothing else (the edge and the callers live in {@link DriverMain}'s process),
 * so that its CPU time, RSS, heap and threads are the softphones' own. Commands (one per stdin line):
 * <ul>
 * <li>{@code PHONES n wssPort caPem concurrency [opus]} builds and registers softphones for accounts 1..n, at most
 *     {@code concurrency} registrations in flight (0: all at once), with that Opus implementation (AUTO, NATIVE or
 *     JAVA; default AUTO): {@code REGISTERED millis failures}</li>
 * <li>{@code ANSWER record|bot dir [timed]}: phone 1 answers every call; {@code record} records each to a WAV in dir
 *     (PCMU only), {@code bot} takes 48 kHz frames and plays a tone back (Opus only); {@code timed} also notes when
 *     each call's first audio frame was decoded: {@code ANSWERING}</li>
 * <li>{@code FIRSTAUDIO}: {@code FIRSTAUDIO callId=nanoTime,...} ({@code -} for none) of the calls answered while
 *     timed, then forgets them</li>
 * <li>{@code IDLE millis}: answers IDLE after that long (a measuring window)</li>
 * <li>{@code MEASURE}: after GC: {@code MEASURE heapUsedBytes threads name=count,...}</li>
 * <li>{@code CALLSTATS}: {@code CALLSTATS calls connected ended received lost framesOut}</li>
 * <li>{@code QUIT}: closes every softphone and exits</li>
 * </ul>
 */
public final class SubjectMain {
    private final ChildIo io = new ChildIo();
    private final List<Softphone> phones = new ArrayList<>();
    /** Every softphone of the process runs on this one runtime (threads, WebSocket clients, DTLS certificate). */
    private final SoftphoneRuntime runtime = SoftphoneRuntime.create();
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final AtomicLong frames = new AtomicLong();
    /** Call-ID to {@link System#nanoTime()} of its first decoded frame (ANSWER ... timed). */
    private final Map<String, Long> firstAudio = new java.util.concurrent.ConcurrentHashMap<>();

    private SubjectMain() {
    }

    public static void main(String[] args) {
        new SubjectMain().run();
    }

    private void run() {
        try {
            while (true) {
                String[] cmd = io.next();
                try {
                    switch (cmd[0]) {
                        case "PHONES" -> phones(Integer.parseInt(cmd[1]), Integer.parseInt(cmd[2]), Path.of(cmd[3]),
                                Integer.parseInt(cmd[4]), cmd.length > 5 ? OpusImplementation.valueOf(cmd[5])
                                        : OpusImplementation.AUTO);
                        case "ANSWER" -> answer(cmd[1], Path.of(cmd[2]), cmd.length > 3 && cmd[3].equals("timed"));
                        case "FIRSTAUDIO" -> firstAudio();
                        case "MEASURE" -> measure();
                        case "IDLE" -> idle(Long.parseLong(cmd[1]));
                        case "CALLSTATS" -> callStats();
                        case "QUIT" -> {
                            return;
                        }
                        default -> io.answer("ERROR", "unknown command " + cmd[0]);
                    }
                } catch (RuntimeException | IOException | InterruptedException e) {
                    io.error(e);
                }
            }
        } finally {
            phones.parallelStream().forEach(Softphone::close);
            runtime.close();
        }
    }

    /** Builds and registers n softphones, at most {@code concurrency} registrations in flight (0: all at once). */
    private void phones(int n, int wssPort, Path caPem, int concurrency, OpusImplementation opus)
            throws InterruptedException {
        TlsSettings tls = TlsSettings.trusting(caPem);
        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch(n);
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger next = new AtomicInteger(1);
        Runnable[] startNext = new Runnable[1];
        startNext[0] = () -> {
            int i = next.getAndIncrement();
            if (i > n) {
                return;
            }
            Softphone phone = Softphone.builder().runtime(runtime).sipInfo(BenchAccounts.wss(i, wssPort)).tls(tls)
                    .opus(opus).build();
            synchronized (phones) {
                phones.add(phone);
            }
            phone.register().whenComplete((registered, error) -> {
                if (error != null) {
                    failures.incrementAndGet();
                    System.err.println("registration " + i + " failed: " + error);
                }
                done.countDown();
                if (done.getCount() % 100 == 0) {
                    System.err.printf("%d of %d registered after %d ms%n", n - done.getCount(), n,
                            (System.nanoTime() - start) / 1_000_000);
                }
                startNext[0].run();
            });
        };
        for (int k = 0; k < (concurrency <= 0 ? n : Math.min(concurrency, n)); k++) {
            startNext[0].run();
        }
        if (!done.await(170, TimeUnit.SECONDS)) {
            io.answer("ERROR", (n - done.getCount()) + " of " + n + " registered after 170 s");
            return;
        }
        io.answer("REGISTERED", (System.nanoTime() - start) / 1_000_000, failures.get());
    }

    private void answer(String mode, Path dir, boolean timed) throws IOException {
        Files.createDirectories(dir);
        boolean record = mode.equals("record");
        phones.get(0).onIncomingCall(call -> {
            calls.add(call);
            if (timed) {
                call.onAudio(record ? 8000 : 48000, frame -> firstAudio.putIfAbsent(call.id(), System.nanoTime()));
            }
            try {
                if (record) {
                    call.record(dir.resolve(call.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".wav"));
                } else {
                    call.onAudio(48000, frame -> frames.incrementAndGet());
                    call.play(new ToneSource(440, 48000, 0.3, Duration.ofHours(1)));
                }
            } catch (IOException e) {
                call.decline();
                return;
            }
            call.answer();
        });
        io.answer("ANSWERING");
    }

    private void firstAudio() {
        StringBuilder b = new StringBuilder();
        for (String id : List.copyOf(firstAudio.keySet())) {
            Long at = firstAudio.remove(id);
            b.append(b.length() == 0 ? "" : ",").append(id).append('=').append(at);
        }
        io.answer("FIRSTAUDIO", b.length() == 0 ? "-" : b);
    }

    /** Does nothing for {@code millis} (the softphones keep running), then answers IDLE. */
    private void idle(long millis) throws InterruptedException {
        new CountDownLatch(1).await(millis, TimeUnit.MILLISECONDS);
        io.answer("IDLE");
    }

    private void measure() {
        System.gc();
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        Map<String, Integer> byName = new TreeMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            byName.merge(t.getName().replaceAll("[0-9]+", "#"), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder();
        byName.forEach((k, v) -> b.append(b.length() == 0 ? "" : ",").append(k.replace(' ', '_')).append('=').append(v));
        io.answer("MEASURE", heap, Thread.activeCount(), b);
    }

    private void callStats() {
        long connected = 0;
        long ended = 0;
        long received = 0;
        long lost = 0;
        for (Call c : calls) {
            Call.CallStats s = c.ended().isDone() ? c.ended().join().stats() : c.stats();
            received += s.packetsReceived();
            lost += s.packetsLost();
            if (c.ended().isDone()) {
                ended++;
            } else if (c.state() == Call.CallState.CONNECTED) {
                connected++;
            }
        }
        io.answer("CALLSTATS", calls.size(), connected, ended, received, lost, frames.get());
    }
}
