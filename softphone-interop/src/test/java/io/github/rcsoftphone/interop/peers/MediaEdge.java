package io.github.rcsoftphone.interop.peers;

import io.github.rcsoftphone.interop.kamailio.KamailioOptions;
import io.github.rcsoftphone.interop.kamailio.KamailioServer;
import io.github.rcsoftphone.interop.rtpengine.RtpEngine;
import java.io.IOException;

/**
 * A RingCentral-like edge with media: rtpengine plus a Kamailio that routes every call's SDP through it. Closing
 * stops both (Kamailio first).
 *
 * @param rtpengine the media relay
 * @param kamailio the SIP edge
 */
public record MediaEdge(RtpEngine rtpengine, KamailioServer kamailio) implements AutoCloseable {

    /** Starts rtpengine with its defaults, then Kamailio with {@code options} pointed at it. */
    public static MediaEdge start(KamailioOptions options) throws IOException {
        RtpEngine rtp = RtpEngine.start(RtpEngine.Options.defaults());
        try {
            KamailioServer kamailio = KamailioServer.start(options.toBuilder().rtpengine(rtp.ngSocket()).build());
            return new MediaEdge(rtp, kamailio);
        } catch (IOException | RuntimeException | Error e) {
            rtp.close();
            throw e;
        }
    }

    /** {@code wss://host:port} of Kamailio's WSS listener. */
    public String wssUri() {
        return "wss://" + kamailio.host() + ":" + kamailio.wssPort();
    }

    /** Kamailio's and rtpengine's log tails. */
    public String describe() {
        return kamailio.describe() + "\n" + rtpengine.describe();
    }

    @Override
    public void close() throws IOException {
        try {
            kamailio.close();
        } finally {
            rtpengine.close();
        }
    }
}
