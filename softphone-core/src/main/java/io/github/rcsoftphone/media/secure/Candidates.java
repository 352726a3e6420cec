package io.github.rcsoftphone.media.secure;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Local host candidates for the one socket's port, and remote candidate addresses (IP literals only, never DNS). */
final class Candidates {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private Candidates() {
    }

    /**
     * Host candidates: the bound address, or, for a wildcard socket, every up interface's non-link-local addresses
     * (loopback only when nothing else exists).
     */
    static List<IceCandidate> host(int port, InetAddress bindAddress) throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        if (bindAddress != null && !bindAddress.isAnyLocalAddress()) {
            addresses.add(bindAddress);
        } else {
            List<InetAddress> loopback = new ArrayList<>();
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nif.isUp()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                    if (a.isLinkLocalAddress() || a.isMulticastAddress()) {
                        continue;
                    }
                    (a.isLoopbackAddress() ? loopback : addresses).add(a);
                }
            }
            if (addresses.isEmpty()) {
                addresses.addAll(loopback);
            }
            addresses.sort((x, y) -> Boolean.compare(x instanceof Inet6Address, y instanceof Inet6Address));
        }
        List<IceCandidate> out = new ArrayList<>();
        for (int i = 0; i < addresses.size(); i++) {
            InetAddress a = addresses.get(i);
            out.add(new IceCandidate(foundation("host", a), 1, "udp", IceCandidate.priority(126, 65535 - i, 1),
                    literal(a), port, "host", null, -1));
        }
        return out;
    }

    static String foundation(String type, InetAddress base) {
        return Integer.toUnsignedString((type + "/" + base.getHostAddress()).hashCode() & 0x7fffffff, 36);
    }

    static String literal(InetAddress a) {
        String s = a.getHostAddress();
        int zone = s.indexOf('%');
        return zone >= 0 ? s.substring(0, zone) : s;
    }

    /** The remote candidate's address when it is a usable UDP component-1 candidate with an IP literal, else null. */
    static InetSocketAddress remoteAddress(IceCandidate c) {
        if (c.component() != 1 || !"udp".equals(c.protocol().toLowerCase(Locale.ROOT)) || c.port() == 0) {
            return null;
        }
        String a = c.address();
        if (!IPV4.matcher(a).matches() && !IPV6.matcher(a).matches()) {
            return null;
        }
        try {
            InetAddress ip = InetAddress.getByName(a);
            return ip instanceof Inet4Address || ip instanceof Inet6Address ? new InetSocketAddress(ip, c.port()) : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
