package io.github.rcsoftphone.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The machine a run happened on, from /proc and the JVM.
 *
 * @param cpu CPU model name
 * @param cores logical CPUs available to the JVM
 * @param ramGb total memory
 * @param jdk vendor and version of the JVM that ran the benchmarks
 * @param os PRETTY_NAME from /etc/os-release and the kernel
 * @param loadAverage the 1/5/15 min load average when the run started (other users of the machine)
 * @param datagramMicros CPU microseconds to send and receive one media-sized datagram on loopback through the JDK
 *        (NaN when it could not be measured): what the machine's kernel and hypervisor charge per packet, which
 *        differs between hosts of one machine kind and so between runs of the call scenarios
 */
public record Machine(String cpu, int cores, double ramGb, String jdk, String os, String loadAverage,
        double datagramMicros) {
    /** An RTP packet of 20 ms of PCMU with SRTP's tag: 12 + 160 bytes, as in S1. */
    static final int DATAGRAM_BYTES = 172;
    private static final int ROUND = 20_000;
    private static final int ROUNDS = 5;

    public static Machine current() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String memKb = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        double ram = memKb.isEmpty() ? Double.NaN : Long.parseLong(memKb.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0;
        String os = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME").replace("\"", "");
        String kernel = read(Path.of("/proc/sys/kernel/osrelease")).trim();
        String load = read(Path.of("/proc/loadavg"));
        String[] l = load.split(" ");
        return new Machine(cpu.isEmpty() ? System.getProperty("os.arch") : cpu,
                Runtime.getRuntime().availableProcessors(), ram,
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                (os.isEmpty() ? System.getProperty("os.name") : os) + ", Linux " + kernel,
                l.length >= 3 ? l[0] + " / " + l[1] + " / " + l[2] : "n/a", measureDatagramMicros());
    }

    /**
     * The median over {@value #ROUNDS} rounds of {@value #ROUND} datagrams of the CPU time of this thread to send one
     * {@value #DATAGRAM_BYTES}-byte datagram to a second socket on 127.0.0.1 and receive it (one {@code sendto} and
     * one {@code recvfrom}; on loopback the kernel's receive path runs in the sender's call); NaN when loopback is
     * not usable.
     */
    static double measureDatagramMicros() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        if (!mx.isCurrentThreadCpuTimeSupported()) {
            return Double.NaN;
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (DatagramChannel a = DatagramChannel.open(); DatagramChannel b = DatagramChannel.open()) {
            a.bind(new InetSocketAddress(loopback, 0));
            b.bind(new InetSocketAddress(loopback, 0));
            SocketAddress to = b.getLocalAddress();
            ByteBuffer out = ByteBuffer.allocateDirect(DATAGRAM_BYTES);
            ByteBuffer in = ByteBuffer.allocateDirect(2048);
            double[] perDatagram = new double[ROUNDS];
            for (int round = -1; round < ROUNDS; round++) {   // round -1 warms the JIT up
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < ROUND; i++) {
                    out.clear();
                    a.send(out, to);
                    in.clear();
                    b.receive(in);
                }
                if (round >= 0) {
                    perDatagram[round] = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / ROUND;
                }
            }
            Arrays.sort(perDatagram);
            return perDatagram[ROUNDS / 2];
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** The current 1-minute load average. */
    public static double load1() {
        String[] l = read(Path.of("/proc/loadavg")).split(" ");
        try {
            return Double.parseDouble(l[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    String datagramText() {
        return Double.isNaN(datagramMicros) ? "n/a" : String.format(Locale.ROOT, "%.2f us", datagramMicros);
    }

    String ramText() {
        return String.format(Locale.ROOT, "%.1f GB", ramGb);
    }

    private static String firstValue(Path file, String key) {
        List<String> lines = read(file).lines().toList();
        for (String line : lines) {
            int sep = line.indexOf(line.contains(":") ? ':' : '=');
            if (sep > 0 && line.substring(0, sep).trim().equals(key)) {
                return line.substring(sep + 1).trim();
            }
        }
        return "";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
