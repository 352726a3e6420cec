package io.github.rcsoftphone.media.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rcsoftphone.sched.Scheduler;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MediaIoTest {
    private static final InetAddress LO = InetAddress.getLoopbackAddress();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private MediaIo io(String name, Duration idle) {
        MediaIo io = new MediaIo(name, idle);
        open.add(io);
        return io;
    }

    private static DatagramChannel bound() throws IOException {
        return DatagramChannel.open().bind(new InetSocketAddress(LO, 0));
    }

    private static int port(DatagramChannel ch) throws IOException {
        return ((InetSocketAddress) ch.getLocalAddress()).getPort();
    }

    private static List<String> threads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(prefix)).sorted().collect(Collectors.toList());
    }

    private static void send(DatagramSocket from, byte[] data, int port) throws IOException {
        from.send(new DatagramPacket(data, data.length, new InetSocketAddress(LO, port)));
    }

    @Test
    void oneThreadServesManyChannelsRegisteredFromManyThreads() throws Exception {
        MediaIo io = io("mio-many", Duration.ofSeconds(5));
        int n = 40;
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        Set<String> receiverThreads = ConcurrentHashMap.newKeySet();
        List<MediaIo.Registration> regs = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> registering = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            registering.add(CompletableFuture.runAsync(() -> {
                try {
                    DatagramChannel ch = bound();
                    regs.add(io.register(ch, (buf, len, from) -> {
                        receiverThreads.add(Thread.currentThread().getName());
                        got.add(id + ":" + new String(buf, 0, len));
                    }));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        CompletableFuture.allOf(registering.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            for (MediaIo.Registration r : regs) {
                send(peer, "hello".getBytes(), port(r.channel()));
            }
            List<String> all = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                all.add(got.poll(5, TimeUnit.SECONDS));
            }
            assertThat(all).doesNotContainNull().allMatch(s -> s.endsWith(":hello")).doesNotHaveDuplicates();
        }
        assertThat(receiverThreads).containsExactly("mio-many");
        assertThat(threads("mio-many")).containsExactly("mio-many");
    }

    @Test
    void deregistrationFromAnotherThreadStopsDeliveryAndClosesTheSocket() throws Exception {
        MediaIo io = io("mio-dereg", Duration.ofSeconds(5));
        AtomicInteger count = new AtomicInteger();
        DatagramChannel ch = bound();
        int port = port(ch);
        MediaIo.Registration r = io.register(ch, (buf, len, from) -> count.incrementAndGet());
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            send(peer, new byte[10], port);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> count.get() == 1);
            CompletableFuture.runAsync(r::close).get(5, TimeUnit.SECONDS);
            assertThat(ch.isOpen()).isFalse();
            assertThat(r.send(new byte[4], new InetSocketAddress(LO, port))).isFalse();
            // the port is free at once: the selector dropped the key before close returned
            new DatagramSocket(new InetSocketAddress(LO, port)).close();
            r.close();
        }
        assertThat(count.get()).isEqualTo(1);
    }

    @Test
    void aReceiverMayDeregisterItsOwnChannel() throws Exception {
        MediaIo io = io("mio-self", Duration.ofSeconds(5));
        CountDownLatch closed = new CountDownLatch(1);
        DatagramChannel ch = bound();
        MediaIo.Registration[] self = new MediaIo.Registration[1];
        CountDownLatch registered = new CountDownLatch(1);
        self[0] = io.register(ch, (buf, len, from) -> {
            try {
                registered.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            self[0].close();
            closed.countDown();
        });
        registered.countDown();
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            send(peer, new byte[3], port(ch));
            assertThat(closed.await(5, TimeUnit.SECONDS)).isTrue();
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !ch.isOpen());
    }

    @Test
    void timersRunInOrderOnTheIoThreadAndCancelledOnesDoNot() throws Exception {
        MediaIo io = io("mio-timers", Duration.ofSeconds(5));
        BlockingQueue<String> ran = new LinkedBlockingQueue<>();
        io.schedule(() -> ran.add("b:" + Thread.currentThread().getName()), 60, TimeUnit.MILLISECONDS);
        io.schedule(() -> ran.add("a:" + Thread.currentThread().getName()), 20, TimeUnit.MILLISECONDS);
        Scheduler.Cancellable never = io.schedule(() -> ran.add("cancelled"), 40, TimeUnit.MILLISECONDS);
        never.cancel();
        AtomicInteger ticks = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        Scheduler.Cancellable[] repeating = new Scheduler.Cancellable[1];
        repeating[0] = io.scheduleWithFixedDelay(() -> {
            if (ticks.incrementAndGet() == 3) {
                repeating[0].cancel();
            }
            three.countDown();
        }, 0, 10, TimeUnit.MILLISECONDS);
        assertThat(ran.poll(5, TimeUnit.SECONDS)).isEqualTo("a:mio-timers");
        assertThat(ran.poll(5, TimeUnit.SECONDS)).isEqualTo("b:mio-timers");
        assertThat(three.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> later = new CompletableFuture<>();
        io.schedule(() -> later.complete(null), 50, TimeUnit.MILLISECONDS);
        later.get(5, TimeUnit.SECONDS);
        assertThat(ran).isEmpty();
        assertThat(ticks.get()).isEqualTo(3);
    }

    @Test
    void theIoThreadEndsWhenIdleAndComesBackOnUse() throws Exception {
        MediaIo io = io("mio-idle", Duration.ofMillis(200));
        assertThat(threads("mio-idle")).as("no thread before first use").isEmpty();
        CompletableFuture<String> ran = new CompletableFuture<>();
        io.execute(() -> ran.complete(Thread.currentThread().getName()));
        assertThat(ran.get(5, TimeUnit.SECONDS)).isEqualTo("mio-idle");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> threads("mio-idle").isEmpty());
        BlockingQueue<Integer> got = new LinkedBlockingQueue<>();
        DatagramChannel ch = bound();
        MediaIo.Registration r = io.register(ch, (buf, len, from) -> got.add(len));
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            send(peer, new byte[7], port(ch));
            assertThat(got.poll(5, TimeUnit.SECONDS)).isEqualTo(7);
        }
        assertThat(threads("mio-idle")).containsExactly("mio-idle");
        r.close();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> threads("mio-idle").isEmpty());
    }

    @Test
    void closeEndsEveryThreadAndClosesChannelsStillRegistered() throws Exception {
        MediaIo io = new MediaIo("mio-close", Duration.ofSeconds(30));
        List<DatagramChannel> channels = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            DatagramChannel ch = bound();
            channels.add(ch);
            io.register(ch, (buf, len, from) -> { });
        }
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        io.blocking().execute(() -> {
            working.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(working.await(5, TimeUnit.SECONDS)).isTrue();
        io.schedule(() -> { }, 1, TimeUnit.HOURS);
        assertThat(threads("mio-close")).containsExactly("mio-close", "mio-close-worker-1");
        int[] ports = channels.stream().mapToInt(ch -> {
            try {
                return port(ch);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toArray();
        release.countDown();
        io.close();
        io.close();
        assertThat(threads("mio-close")).isEmpty();
        assertThat(channels).noneMatch(DatagramChannel::isOpen);
        for (int p : ports) {
            new DatagramSocket(new InetSocketAddress(LO, p)).close();
        }
        DatagramChannel late = bound();
        assertThatThrownBy(() -> io.register(late, (buf, len, from) -> { })).isInstanceOf(IOException.class)
                .hasMessageContaining("closed");
        assertThat(late.isOpen()).isFalse();
        Scheduler.Cancellable t = io.schedule(() -> { }, 1, TimeUnit.MILLISECONDS);
        t.cancel();
        assertThat(threads("mio-close")).isEmpty();
    }

    @Test
    void sendsDoNotBlockAndTheReceiveBufferIsReused() throws Exception {
        MediaIo io = io("mio-send", Duration.ofSeconds(5));
        BlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
        List<byte[]> buffers = java.util.Collections.synchronizedList(new ArrayList<>());
        DatagramChannel rx = bound();
        io.register(rx, (buf, len, from) -> {
            buffers.add(buf);
            got.add(Arrays.copyOf(buf, len));
        });
        MediaIo.Registration tx = io.register(bound(), (buf, len, from) -> { });
        InetSocketAddress to = new InetSocketAddress(LO, port(rx));
        assertThat(tx.send("one".getBytes(), to)).isTrue();
        assertThat(tx.send("two".getBytes(), to)).isTrue();
        assertThat(new String(got.poll(5, TimeUnit.SECONDS))).isEqualTo("one");
        assertThat(new String(got.poll(5, TimeUnit.SECONDS))).isEqualTo("two");
        assertThat(buffers.get(0)).isSameAs(buffers.get(1));
        assertThat(io.sendDrops()).isZero();
    }

    @Test
    void aBatchedChannelGetsOneReadPerDrainUntilItIsReadyAtTwoDrainsInARow() throws Exception {
        MediaIo io = new MediaIo("mio-once", Thread::new, Duration.ofSeconds(5), Duration.ofMillis(100));
        open.add(io);
        BlockingQueue<long[]> got = new LinkedBlockingQueue<>(); // {first byte, drains at delivery}
        MediaIo.Registration r = io.register(bound(), (buf, len, from) -> got.add(new long[] {buf[0], io.drains()}));
        r.batchReads();
        CompletableFuture<Long> batched = new CompletableFuture<>();
        io.execute(() -> batched.complete(io.drains()));
        batched.get(5, TimeUnit.SECONDS);
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            for (int i = 1; i <= 5; i++) {
                send(peer, new byte[] {(byte) i}, port(r.channel()));
            }
            List<long[]> all = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                all.add(got.poll(5, TimeUnit.SECONDS));
            }
            assertThat(all).doesNotContainNull();
            assertThat(all).extracting(g -> g[0]).containsExactly(1L, 2L, 3L, 4L, 5L);
            long first = all.get(0)[1];
            // the first drain reads one datagram (a 20 ms stream has at most one per 10 ms drain); the channel is
            // still ready at the next drain, which reads the rest
            assertThat(all).extracting(g -> g[1]).containsExactly(first, first + 1, first + 1, first + 1, first + 1);
        }
    }

    @Test
    void batchedChannelsAreDrainedTogetherOnTheBatchIntervalAndCloseLikeOthers() throws Exception {
        MediaIo io = new MediaIo("mio-batch", Thread::new, Duration.ofSeconds(5), Duration.ofMillis(200));
        open.add(io);
        int n = 20;
        BlockingQueue<long[]> got = new LinkedBlockingQueue<>(); // {channel id, drains at delivery}
        List<MediaIo.Registration> regs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            regs.add(io.register(bound(), (buf, len, from) -> got.add(new long[] {id, io.drains()})));
        }
        try (DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LO, 0))) {
            send(peer, new byte[8], port(regs.get(0).channel()));
            assertThat(got.poll(5, TimeUnit.SECONDS)).as("before batching: read at once").containsExactly(0, 0);
            regs.forEach(MediaIo.Registration::batchReads);
            regs.get(0).batchReads(); // idempotent
            CompletableFuture<Long> drainsAtStart = new CompletableFuture<>();
            io.execute(() -> drainsAtStart.complete(io.drains()));
            long start = drainsAtStart.get(5, TimeUnit.SECONDS);
            for (int round = 0; round < 3; round++) {
                for (MediaIo.Registration r : regs) {
                    send(peer, new byte[8], port(r.channel()));
                }
                List<long[]> round1 = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    round1.add(got.poll(5, TimeUnit.SECONDS));
                }
                assertThat(round1).doesNotContainNull();
                assertThat(round1.stream().mapToLong(g -> g[0]).distinct().count()).isEqualTo(n);
                // 20 datagrams sent within a few ms are read by one drain (two when a drain fell in the middle)
                assertThat(round1.stream().mapToLong(g -> g[1]).distinct().count()).isLessThanOrEqualTo(2);
                assertThat(round1).allMatch(g -> g[1] > start);
            }
            int port = port(regs.get(3).channel());
            regs.get(3).close();
            assertThat(regs.get(3).channel().isOpen()).isFalse();
            new DatagramSocket(new InetSocketAddress(LO, port)).close(); // the port is free at once
            send(peer, new byte[8], port(regs.get(4).channel()));
            assertThat(got.poll(5, TimeUnit.SECONDS)).as("others still batched").startsWith(4);
        }
        regs.forEach(MediaIo.Registration::close);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> threads("mio-batch").isEmpty());
        MediaIo.Registration late = io.register(bound(), (buf, len, from) -> { });
        late.batchReads();
        io.close();
        assertThat(late.channel().isOpen()).isFalse();
        assertThat(threads("mio-batch")).isEmpty();
    }
}
