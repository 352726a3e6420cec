package io.github.rcsoftphone.interop.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lossy, jittery network path into local UDP ports, for kernels without {@code tc netem} (this machine's has no
 * {@code sch_netem}). For each protected port P {@code iptables} rules ({@code OUTPUT}, only in the test's private
 * network namespace: P's packets untracked, a DNAT) send what {@code fromPorts} send to P into a relay socket instead; the relay drops
 * each packet with probability {@code loss} and forwards the rest to P after {@code delay ± jitter} (uniform, so
 * packets also get reordered). What P sends back goes out from the relay socket at once (conntrack makes it look
 * as if it came from P). {@link #close()} removes the rules and stops the relay threads.
 */
public final class ImpairedPath implements AutoCloseable {

    private final Path workDir;
    private final String fromPorts;
    private final List<Relay> relays = new ArrayList<>();
    private final List<List<String>> rules = new ArrayList<>();
    private final ScheduledExecutorService delayer;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final double loss;
    private final long delayMicros;
    private final long jitterMicros;
    private final Random random = new Random(8);

    /**
     * Impairs what local UDP ports {@code fromPorts} ({@code "30000:30999"}) send to each of {@code ports}.
     *
     * @param loss drop probability, 0..1
     * @param delay mean added delay
     * @param jitter the delay varies uniformly by up to this much either way
     */
    public static ImpairedPath start(Path workDir, String fromPorts, List<Integer> ports, double loss, Duration delay,
            Duration jitter) throws IOException {
        ImpairedPath path = new ImpairedPath(workDir, fromPorts, loss, delay, jitter);
        try {
            for (int port : ports) {
                path.protect(port);
            }
            return path;
        } catch (IOException | RuntimeException e) {
            path.close();
            throw e;
        }
    }

    private ImpairedPath(Path workDir, String fromPorts, double loss, Duration delay, Duration jitter) {
        this.workDir = workDir;
        this.fromPorts = fromPorts;
        this.loss = loss;
        this.delayMicros = delay.toNanos() / 1000;
        this.jitterMicros = jitter.toNanos() / 1000;
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "impaired-path-delay");
            t.setDaemon(true);
            return t;
        });
        this.delayer = ex;
    }

    private void protect(int port) throws IOException {
        InetAddress lo = InetAddress.getLoopbackAddress();
        Relay relay = new Relay(new DatagramSocket(new InetSocketAddress(lo, 0)), new InetSocketAddress(lo, port));
        relays.add(relay);
        // P's own packets are not tracked: otherwise the first one (P usually sends first) makes the other side's
        // packets the replies of a known flow, and NAT rules only apply to a flow's first packet
        List<String> untracked = List.of("raw", "OUTPUT", "-p", "udp", "-s", "127.0.0.1", "--sport",
                Integer.toString(port), "-j", "CT", "--notrack");
        List<String> redirect = List.of("nat", "OUTPUT", "-p", "udp", "-s", "127.0.0.1", "--sport", fromPorts, "-d",
                "127.0.0.1", "--dport", Integer.toString(port), "-j", "DNAT", "--to-destination",
                "127.0.0.1:" + relay.socket.getLocalPort());
        for (List<String> rule : List.of(untracked, redirect)) {
            iptables("-A", rule);
            rules.add(rule);
        }
        relay.thread.start();
    }

    /** Runs {@code iptables -t <rule[0]> <op> <rule[1..]>}. */
    private void iptables(String op, List<String> rule) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ExternalCommand.executable("iptables"), "-t", rule.get(0), op));
        cmd.addAll(rule.subList(1, rule.size()));
        ExternalCommand.run(workDir, Duration.ofSeconds(10), cmd).orThrow();
    }

    /** Packets passed on towards the protected ports. */
    public long forwarded() {
        return forwarded.get();
    }

    /** Packets dropped on the way to the protected ports. */
    public long dropped() {
        return dropped.get();
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (List<String> rule : rules) {
            try {
                iptables("-D", rule);
            } catch (IOException | RuntimeException e) {
                first = first == null ? new IOException("removing an iptables rule", e) : first;
            }
        }
        rules.clear();
        for (Relay r : relays) {
            r.socket.close();
            try {
                r.thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        delayer.shutdownNow();
        try {
            delayer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (first != null) {
            throw first;
        }
    }

    /** One relay socket in front of one protected port. */
    private final class Relay {
        final DatagramSocket socket;
        final InetSocketAddress target;
        final Thread thread;
        volatile SocketAddress sender;

        Relay(DatagramSocket socket, InetSocketAddress target) {
            this.socket = socket;
            this.target = target;
            this.thread = new Thread(this::run, "impaired-path-" + target.getPort());
            thread.setDaemon(true);
        }

        private void run() {
            byte[] buf = new byte[2048];
            while (!socket.isClosed()) {
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                try {
                    socket.receive(in);
                } catch (IOException e) {
                    return;   // closed
                }
                byte[] data = java.util.Arrays.copyOfRange(buf, 0, in.getLength());
                if (in.getSocketAddress().equals(target)) {
                    SocketAddress back = sender;
                    if (back != null) {
                        send(data, back);
                    }
                    continue;
                }
                sender = in.getSocketAddress();
                long delay;
                synchronized (random) {
                    if (random.nextDouble() < loss) {
                        dropped.incrementAndGet();
                        continue;
                    }
                    delay = delayMicros + (long) ((random.nextDouble() * 2 - 1) * jitterMicros);
                }
                forwarded.incrementAndGet();
                delayer.schedule(() -> send(data, target), delay, TimeUnit.MICROSECONDS);
            }
        }

        private void send(byte[] data, SocketAddress to) {
            try {
                socket.send(new DatagramPacket(data, data.length, to));
            } catch (IOException e) {
                // closed while a delayed packet waited
            }
        }
    }
}
