package io.github.rcsoftphone.media.secure;

import io.github.rcsoftphone.media.net.MediaIo;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;

/** Binding the transports' UDP channels, and the {@link MediaIo} a transport uses when its config names none. */
final class UdpChannels {
    private UdpChannels() {
    }

    /** A channel bound to {@code port} (0: ephemeral) on {@code address} (null: all local addresses). */
    static DatagramChannel bind(InetAddress address, int port) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.bind(new InetSocketAddress(address, port));
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The bound local port of {@code ch}. */
    static int port(DatagramChannel ch) throws IOException {
        return ((InetSocketAddress) ch.getLocalAddress()).getPort();
    }

    /** The shared I/O from the config, or a private one named after the transport (closed with the transport). */
    static MediaIo io(MediaIo shared, String prefix, int port, java.util.concurrent.ThreadFactory factory) {
        return shared != null ? shared : new MediaIo(prefix + "-" + port + "-io", factory, java.time.Duration.ofSeconds(5));
    }
}
