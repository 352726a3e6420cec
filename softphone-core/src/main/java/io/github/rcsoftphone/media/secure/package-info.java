/**
 * Secure media transports. WebRTC calls: ICE (RFC 8445, full agent), DTLS-SRTP (RFC 5763/5764) and SRTP/SRTCP
 * (RFC 3711) on one UDP socket per call, demultiplexed by first byte (RFC 7983). TLS-device calls: SRTP keyed by SDES
 * (RFC 4568, {@link io.github.rcsoftphone.media.secure.SdesKeys}) over plain UDP with symmetric RTP and keep-alives
 * ({@link io.github.rcsoftphone.media.secure.SdesTransport}).
 *
 * <p>Must not import {@code sdp}, {@code sip.*}, {@code call} or the root package. ICE and STUN are implemented here
 * (see {@link io.github.rcsoftphone.media.secure.WebRtcTransport} for why not ice4j); DTLS is BouncyCastle bctls,
 * SRTP is jitsi-srtp.
 */
package io.github.rcsoftphone.media.secure;
