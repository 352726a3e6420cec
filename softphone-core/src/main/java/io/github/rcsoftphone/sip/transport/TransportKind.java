package io.github.rcsoftphone.sip.transport;

import java.util.Locale;

/** The SIP transports a softphone can use; WSS is RingCentral's WebRTC flavour, TLS its SDES flavour. */
public enum TransportKind {
    WSS(true, true),
    WS(false, true),
    TLS(true, false),
    TCP(false, false);

    private final boolean secure;
    private final boolean websocket;

    TransportKind(boolean secure, boolean websocket) {
        this.secure = secure;
        this.websocket = websocket;
    }

    public boolean secure() {
        return secure;
    }

    public boolean websocket() {
        return websocket;
    }

    /** The transport token in a Via header: {@code SIP/2.0/WSS}. */
    public String viaName() {
        return name();
    }

    /** The {@code transport=} URI parameter value (lower case). */
    public String uriParam() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code wss}, {@code WSS}, ... ; throws with the accepted values when unknown. */
    public static TransportKind parse(String text) {
        for (TransportKind k : values()) {
            if (k.name().equalsIgnoreCase(text.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown transport '" + text + "' (expected WSS, TLS, WS or TCP)");
    }
}
