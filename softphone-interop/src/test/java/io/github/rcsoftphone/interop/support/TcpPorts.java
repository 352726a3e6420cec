package io.github.rcsoftphone.interop.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Collection;

/** Loopback port probes: is something listening, and a free port for a tool that needs one. */
public final class TcpPorts {

    private TcpPorts() {
    }

    /** True when a TCP connection to {@code host:port} is accepted within 200 ms. */
    public static boolean listening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when every port accepts connections. */
    public static boolean allListening(String host, Collection<Integer> ports) {
        return ports.stream().allMatch(p -> listening(host, p));
    }

    /** True when no port accepts connections. */
    public static boolean noneListening(String host, Collection<Integer> ports) {
        return ports.stream().noneMatch(p -> listening(host, p));
    }

    /** A port that was free on 127.0.0.1 a moment ago (for tools that insist on a port number). */
    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
