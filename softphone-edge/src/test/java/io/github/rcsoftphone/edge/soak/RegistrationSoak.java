package io.github.rcsoftphone.edge.soak;

import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.edge.LocalEdge;
import io.github.rcsoftphone.sip.transport.TransportKind;
import io.github.rcsoftphone.testing.FakeScheduler;
import java.io.PrintStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Simulated hours of registration refreshes against a real {@link LocalEdge}: two softphones (WSS and TLS) run their
 * signalling on one {@link FakeScheduler}; the soak moves the fake clock to each next timer (a refresh is due) and
 * pumps the real REGISTER round trips (401, authenticated REGISTER, 200) in real time while the fake clock stands.
 * Both ask for 60 s (the WSS edge's cap), so each refreshes every 45 s: 1,920 refreshes per phone in 24 h. Every
 * refresh must succeed (no failure, lost connection, or a gap longer than the granted expiry); threads, descriptors
 * and the heap after GC are sampled every simulated hour.
 */
final class RegistrationSoak {
    private static final Duration ROUND_TRIP = Duration.ofSeconds(30);
    private static final int EXPIRES = 60;
    /** When the agent refreshes a 60 s registration: 15 s before it expires. */
    private static final Duration REFRESH = Duration.ofSeconds(45);

    private final double hours;
    private final double heapLimitKbPer24h;
    private final PrintStream log;

    RegistrationSoak(double hours, double heapLimitKbPer24h, PrintStream log) {
        this.hours = hours;
        this.heapLimitKbPer24h = heapLimitKbPer24h;
        this.log = log;
    }

    SoakReport run() throws Exception {
        List<LocalEdge.Account> accounts = LocalEdge.Account.generate(2);
        FakeScheduler clock = new FakeScheduler();
        ConcurrentLinkedQueue<String> trouble = new ConcurrentLinkedQueue<>();
        AtomicInteger refreshes = new AtomicInteger();
        List<ResourceSample> samples = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Map<String, String> figures = new LinkedHashMap<>();
        long started = System.nanoTime();
        ResourceSample atStart;
        AtomicLongArray lastRegistered = new AtomicLongArray(2);
        long longestGap = 0;
        long roundTrips = 0;
        long slowestRoundTrip = 0;
        long roundTripNanos = 0;
        try (LocalEdge edge = LocalEdge.builder().accounts(accounts).build()) {
            edge.start();
            warmUp(edge, accounts);
            atStart = ResourceSample.quick(0, Duration.ZERO);
            List<Softphone> phones = new ArrayList<>();
            TransportKind[] kinds = {TransportKind.WSS, TransportKind.TLS};
            try {
                for (int i = 0; i < 2; i++) {
                    int index = i;
                    phones.add(Softphone.builder().sipInfo(edge.sipInfo(accounts.get(i), kinds[i])).tls(edge.clientTls())
                            .mediaAddress(InetAddress.getLoopbackAddress()).scheduler(clock)
                            .registration(options())
                            .listener(e -> {
                                if (e instanceof SoftphoneEvent.Registered r) {
                                    lastRegistered.set(index, clock.nanoTime());
                                    if (r.refresh()) {
                                        refreshes.incrementAndGet();
                                    }
                                } else if (!(e instanceof SoftphoneEvent.Unregistered)) {
                                    trouble.add(kinds[index] + ": " + e);
                                }
                            }).build());
                    var registered = phones.get(i).register();
                    if (!clock.runUntil(registered::isDone, ROUND_TRIP) || registered.isCompletedExceptionally()) {
                        throw new IllegalStateException(kinds[i] + " did not register: " + registered);
                    }
                }
                ResourceSample base = CallSoak.baseline(started);
                samples.add(base);
                log.println(line(base));
                long end = Duration.ofSeconds(Math.round(hours * 3600)).toNanos();
                long nextSample = Duration.ofHours(1).toNanos();
                while (clock.nanoTime() < end && trouble.isEmpty()) {
                    int before = refreshes.get();
                    clock.advance(clock.nextTimer().orElseThrow(() -> new IllegalStateException("no timer pending")));
                    for (int i = 0; i < lastRegistered.length(); i++) {
                        longestGap = Math.max(longestGap, clock.nanoTime() - lastRegistered.get(i));
                    }
                    if (longestGap >= Duration.ofSeconds(EXPIRES).toNanos()) {
                        failures.add("a registration was not refreshed within its " + EXPIRES + " s at "
                                + clock.elapsed());
                        break;
                    }
                    long t0 = System.nanoTime();
                    // a phone whose refresh fell due is registered again before the clock moves on
                    boolean done = clock.runUntil(() -> !trouble.isEmpty() || allFresh(lastRegistered, clock.nanoTime()),
                            ROUND_TRIP);
                    long took = System.nanoTime() - t0;
                    if (!done) {
                        failures.add("a refresh due at " + clock.elapsed() + " (simulated) was not answered within "
                                + ROUND_TRIP.toSeconds() + " s (real)");
                        break;
                    }
                    if (refreshes.get() > before) {
                        roundTrips += refreshes.get() - before;
                        roundTripNanos += took;
                        slowestRoundTrip = Math.max(slowestRoundTrip, took);
                    }
                    while (clock.nanoTime() >= nextSample && nextSample <= end) {
                        long hour = nextSample / Duration.ofHours(1).toNanos();
                        ResourceSample s = CallSoak.settled(hour, base, started);
                        samples.add(s);
                        log.println(line(s));
                        nextSample += Duration.ofHours(1).toNanos();
                    }
                }
            } finally {
                closeAll(phones, clock);
            }
        }
        failures.addAll(trouble);
        failures.addAll(CallSoak.released(atStart));
        figures.put("simulated time", String.format(Locale.ROOT, "%.1f h (fake clock)", clock.elapsed().toMinutes() / 60.0));
        figures.put("refreshes", String.format(Locale.ROOT, "%,d (WSS and TLS, %d s granted, every 45 s), each a real "
                + "401 + authenticated REGISTER + 200 over the edge", refreshes.get(), EXPIRES));
        figures.put("longest time between registrations", Duration.ofNanos(longestGap).toSeconds()
                + " s (simulated; expiry " + EXPIRES + " s)");
        figures.put("refresh round trips (real time)", String.format(Locale.ROOT, "mean %.1f ms, slowest %.0f ms",
                roundTrips == 0 ? 0 : roundTripNanos / 1e6 / roundTrips, slowestRoundTrip / 1e6));
        return new SoakReport("Registration refreshes (fake clock)", "simulated h", 24, samples,
                Duration.ofNanos(System.nanoTime() - started), heapLimitKbPer24h, figures, failures);
    }

    /**
     * Registers and closes a WSS and a TLS softphone (on their own loops) once, so that what the JVM opens once on
     * first use and keeps (a pipe of its NIO machinery, TLS and crypto providers) is open before the first sample.
     */
    private static void warmUp(LocalEdge edge, List<LocalEdge.Account> accounts) throws Exception {
        TransportKind[] kinds = {TransportKind.WSS, TransportKind.TLS};
        for (int i = 0; i < 2; i++) {
            try (Softphone p = Softphone.builder().sipInfo(edge.sipInfo(accounts.get(i), kinds[i])).tls(edge.clientTls())
                    .mediaAddress(InetAddress.getLoopbackAddress()).build()) {
                p.register().get(ROUND_TRIP.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    /** Every phone registered less than a refresh interval ago (by the fake clock). */
    private static boolean allFresh(AtomicLongArray lastRegistered, long now) {
        for (int i = 0; i < lastRegistered.length(); i++) {
            if (now - lastRegistered.get(i) >= REFRESH.toNanos()) {
                return false;
            }
        }
        return true;
    }

    private static Softphone.RegistrationOptions options() {
        Softphone.RegistrationOptions d = Softphone.RegistrationOptions.defaults();
        return new Softphone.RegistrationOptions(EXPIRES, d.answerTimeout(), d.reconnectInitial(), d.reconnectMax(),
                d.rejectedBackoff(), d.connectTimeout());
    }

    /** close() waits for tasks on the loop: it runs on its own thread while this one pumps the fake scheduler. */
    private static void closeAll(List<Softphone> phones, FakeScheduler clock) throws InterruptedException {
        Thread closer = new Thread(() -> phones.forEach(Softphone::close), "soak-close");
        closer.start();
        clock.runUntil(() -> !closer.isAlive(), Duration.ofSeconds(30));
        closer.join();
    }

    private static String line(ResourceSample s) {
        return String.format(Locale.ROOT, "soak: %3d h  %s  threads %d  fds %d  heap %.1f MB", s.at(),
                SoakReport.clock(s.elapsed()), s.threads(), s.fds(), s.heapAfterGc() / 1048576.0);
    }
}
