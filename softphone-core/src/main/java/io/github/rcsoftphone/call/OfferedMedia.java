package io.github.rcsoftphone.call;

import io.github.rcsoftphone.media.secure.MediaTransport;
import io.github.rcsoftphone.sdp.SdpNegotiationException;
import io.github.rcsoftphone.sdp.SessionDescription;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * An outbound call's media made ready to offer, whatever its flavour: the transport, our SDP offer, and how the
 * far end's answer starts the transport (ICE + DTLS for WebRTC; at once for SDES).
 */
record OfferedMedia(MediaTransport transport, SessionDescription offer, Answered answered) {

    /** Reads the answer; the supplier starts the transport towards it. */
    @FunctionalInterface
    interface Answered {
        Supplier<CompletableFuture<Void>> accept(SessionDescription answer) throws SdpNegotiationException;
    }
}
