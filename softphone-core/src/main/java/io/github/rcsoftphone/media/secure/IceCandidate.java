package io.github.rcsoftphone.media.secure;

import java.util.Objects;

/**
 * One ICE candidate as in SDP {@code a=candidate}.
 *
 * @param protocol        "udp" (others are ignored by {@link WebRtcTransport})
 * @param type            "host", "srflx", "prflx" or "relay"
 * @param relatedAddress  raddr, or null
 * @param relatedPort     rport, or -1
 */
public record IceCandidate(String foundation, int component, String protocol, long priority, String address, int port,
                           String type, String relatedAddress, int relatedPort) {
    public IceCandidate {
        Objects.requireNonNull(foundation, "foundation");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(type, "type");
        if (component < 1 || component > 256) {
            throw new IllegalArgumentException("ICE candidate component out of range: " + component);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("ICE candidate port out of range: " + port);
        }
    }

    /** RFC 8445 5.1.2.1 priority: type preference, local preference, component. */
    static long priority(int typePreference, int localPreference, int component) {
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - component);
    }
}
