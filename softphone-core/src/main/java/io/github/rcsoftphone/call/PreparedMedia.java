package io.github.rcsoftphone.call;

import io.github.rcsoftphone.media.secure.MediaTransport;
import io.github.rcsoftphone.sdp.SessionDescription;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A call's media made ready to answer, whatever its flavour: the transport, our SDP answer, and how to start the
 * transport towards the far end (ICE + DTLS for WebRTC; at once for SDES).
 */
record PreparedMedia(MediaTransport transport, SessionDescription answer, Supplier<CompletableFuture<Void>> start) {
}
