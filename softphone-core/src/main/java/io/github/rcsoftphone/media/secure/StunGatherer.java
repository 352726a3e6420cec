package io.github.rcsoftphone.media.secure;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Server-reflexive candidates: STUN Binding requests (no credentials) to each STUN server, from the call's socket. */
final class StunGatherer {
    private final QueueDatagramTransport.Sender sender;
    private final SecureRandom random;
    private final Map<String, CompletableFuture<InetSocketAddress>> pending = new ConcurrentHashMap<>();

    StunGatherer(QueueDatagramTransport.Sender sender, SecureRandom random) {
        this.sender = sender;
        this.random = random;
    }

    /** Called on the receive path; true when the message answered one of our gathering requests. */
    boolean onResponse(StunMessage m) {
        if (m.type() != StunMessage.BINDING_SUCCESS && m.type() != StunMessage.BINDING_ERROR) {
            return false;
        }
        CompletableFuture<InetSocketAddress> f = pending.remove(HexFormat.of().formatHex(m.transactionId()));
        if (f == null) {
            return false;
        }
        InetSocketAddress mapped = m.type() == StunMessage.BINDING_SUCCESS ? m.mappedAddress() : null;
        f.complete(mapped);
        return true;
    }

    /** Asks every server (retransmitting at 0, 250, 750 ms...) and waits at most {@code timeout} in total. */
    List<IceCandidate> gather(List<InetSocketAddress> servers, List<IceCandidate> hosts, Duration timeout) {
        List<IceCandidate> out = new ArrayList<>();
        if (servers.isEmpty() || hosts.isEmpty()) {
            return out;
        }
        List<CompletableFuture<InetSocketAddress>> futures = new ArrayList<>();
        List<byte[]> requests = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            byte[] id = new byte[12];
            random.nextBytes(id);
            CompletableFuture<InetSocketAddress> f = new CompletableFuture<>();
            pending.put(HexFormat.of().formatHex(id), f);
            futures.add(f);
            requests.add(new StunMessage.Builder(StunMessage.BINDING_REQUEST, id).build(null, true));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long wait = 250;
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        while (!all.isDone() && System.nanoTime() < deadline) {
            for (int i = 0; i < servers.size(); i++) {
                if (!futures.get(i).isDone()) {
                    send(requests.get(i), servers.get(i));
                }
            }
            try {
                all.get(Math.min(wait, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // retransmit
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            wait *= 2;
        }
        pending.clear();
        IceCandidate base = hosts.get(0);
        long localPref = 65535;
        for (CompletableFuture<InetSocketAddress> f : futures) {
            InetSocketAddress mapped = f.getNow(null);
            if (mapped == null) {
                continue;
            }
            String addr = Candidates.literal(mapped.getAddress());
            boolean duplicate = hosts.stream().anyMatch(h -> h.address().equals(addr) && h.port() == mapped.getPort())
                    || out.stream().anyMatch(c -> c.address().equals(addr) && c.port() == mapped.getPort());
            if (!duplicate) {
                out.add(new IceCandidate(Candidates.foundation("srflx", mapped.getAddress()), 1, "udp",
                        IceCandidate.priority(100, (int) localPref--, 1), addr, mapped.getPort(), "srflx",
                        base.address(), base.port()));
            }
        }
        return out;
    }

    private void send(byte[] request, InetSocketAddress to) {
        sender.send(request, 0, request.length, to);   // unreachable server: no srflx candidate from it
    }
}
