package io.github.rcsoftphone.media.secure;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * What {@link SdesTransport#start(SdesRemote)} needs from the SDP exchange. Key arrays are copied in and out.
 *
 * @param rtp           the peer's RTP address from its SDP (c= and m= port)
 * @param rtcp          the peer's RTCP address (a=rtcp or port+1), or null when rtcp-mux was agreed
 * @param profile       the agreed SRTP profile
 * @param remoteKeySalt the peer's master key||salt (protects what we receive)
 * @param localKeySalt  our master key||salt (protects what we send)
 */
public record SdesRemote(InetSocketAddress rtp, InetSocketAddress rtcp, SrtpProfile profile, byte[] remoteKeySalt,
                         byte[] localKeySalt) {
    public SdesRemote {
        Objects.requireNonNull(rtp, "rtp");
        Objects.requireNonNull(profile, "profile");
        remoteKeySalt = SdesKeys.checkLength(profile, remoteKeySalt, "remoteKeySalt");
        localKeySalt = SdesKeys.checkLength(profile, localKeySalt, "localKeySalt");
    }

    @Override
    public byte[] remoteKeySalt() {
        return remoteKeySalt.clone();
    }

    @Override
    public byte[] localKeySalt() {
        return localKeySalt.clone();
    }

    /** Whether RTCP shares the RTP socket (RFC 5761). */
    public boolean rtcpMux() {
        return rtcp == null;
    }

    /** The keys split for {@link SrtpSession}. */
    SrtpKeys keys() {
        int k = profile.keyLength();
        return new SrtpKeys(profile, Arrays.copyOf(localKeySalt, k), Arrays.copyOfRange(localKeySalt, k, localKeySalt.length),
                Arrays.copyOf(remoteKeySalt, k), Arrays.copyOfRange(remoteKeySalt, k, remoteKeySalt.length));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SdesRemote r && r.rtp.equals(rtp) && Objects.equals(r.rtcp, rtcp) && r.profile == profile
                && Arrays.equals(r.remoteKeySalt, remoteKeySalt) && Arrays.equals(r.localKeySalt, localKeySalt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rtp, rtcp, profile, Arrays.hashCode(remoteKeySalt), Arrays.hashCode(localKeySalt));
    }

    @Override
    public String toString() {
        return "SdesRemote[rtp=" + rtp + ", rtcp=" + (rtcp == null ? "mux" : rtcp) + ", " + profile + ", keys hidden]";
    }
}
