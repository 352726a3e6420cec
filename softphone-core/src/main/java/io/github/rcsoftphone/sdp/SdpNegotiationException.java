package io.github.rcsoftphone.sdp;

/**
 * An offer that cannot be answered with what we support, for example
 * {@code no common audio codec: offer has G729, we accept opus, PCMU, PCMA}.
 */
public final class SdpNegotiationException extends Exception {

    private static final long serialVersionUID = 1L;

    /** A negotiation failure described by {@code message}. */
    public SdpNegotiationException(String message) {
        super(message);
    }
}
