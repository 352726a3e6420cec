package io.github.rcsoftphone.interop.rtpengine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The few rtpengine ng-protocol commands the tests need ({@code ping}, {@code list}), over UDP on loopback. */
final class NgClient {

    private final InetSocketAddress target;

    NgClient(String host, int port) {
        this.target = new InetSocketAddress(host, port);
    }

    /** True when rtpengine answers {@code pong} within {@code timeout}. */
    boolean ping(Duration timeout) {
        try {
            String reply = request("d7:command4:pinge", timeout);
            return reply != null && reply.contains("4:pong");
        } catch (IOException e) {
            return false;
        }
    }

    /** The Call-IDs rtpengine holds ({@code list}); throws when it does not answer. */
    List<String> list(Duration timeout) {
        String reply;
        try {
            reply = request("d7:command4:list5:limiti1000ee", timeout);
        } catch (IOException e) {
            throw new UncheckedIOException("rtpengine ng list failed on " + target, e);
        }
        if (reply == null) {
            throw new IllegalStateException("rtpengine did not answer ng list on " + target);
        }
        int at = reply.indexOf("5:callsl");
        if (at < 0) {
            throw new IllegalStateException("unexpected ng list reply: " + reply);
        }
        List<String> calls = new ArrayList<>();
        int i = at + "5:callsl".length();
        while (i < reply.length() && reply.charAt(i) != 'e') {
            int colon = reply.indexOf(':', i);
            if (colon < 0) {
                throw new IllegalStateException("unexpected ng list reply: " + reply);
            }
            int len = Integer.parseInt(reply.substring(i, colon));
            calls.add(reply.substring(colon + 1, colon + 1 + len));
            i = colon + 1 + len;
        }
        return List.copyOf(calls);
    }

    private String request(String bencoded, Duration timeout) throws IOException {
        String cookie = UUID.randomUUID().toString().substring(0, 8);
        byte[] out = (cookie + " " + bencoded).getBytes(StandardCharsets.ISO_8859_1);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(target.getAddress(), 0))) {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            socket.send(new DatagramPacket(out, out.length, target));
            byte[] in = new byte[65536];
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                DatagramPacket p = new DatagramPacket(in, in.length);
                try {
                    socket.receive(p);
                } catch (SocketTimeoutException e) {
                    return null;
                } catch (java.net.PortUnreachableException e) {
                    return null;
                }
                String reply = new String(p.getData(), 0, p.getLength(), StandardCharsets.ISO_8859_1);
                if (reply.startsWith(cookie + " ")) {
                    return reply.substring(cookie.length() + 1);
                }
            }
            return null;
        }
    }
}
