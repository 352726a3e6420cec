/**
 * SDP (RFC 8866): an immutable model ({@link io.github.rcsoftphone.sdp.SessionDescription},
 * {@link io.github.rcsoftphone.sdp.MediaDescription} and typed attribute values), a parser that names the failing
 * line, a writer that round-trips, and offer/answer for one audio stream ({@link io.github.rcsoftphone.sdp.OfferAnswer}).
 * No I/O, and no dependency on the SIP packages.
 */
package io.github.rcsoftphone.sdp;
