/**
 * RTP and RTCP without I/O (RFC 3550): {@link io.github.rcsoftphone.media.rtp.RtpPacket} and the
 * {@link io.github.rcsoftphone.media.rtp.RtcpPacket} family with encode/decode, the RFC 5761 demultiplexer,
 * a sending stream ({@link io.github.rcsoftphone.media.rtp.RtpSender}), receiver statistics
 * ({@link io.github.rcsoftphone.media.rtp.RtpReceiverStats}) and a playout
 * {@link io.github.rcsoftphone.media.rtp.JitterBuffer}. No sockets, no threads: time is passed in as nanoseconds
 * and every class here is confined to the caller's thread (none is thread-safe).
 */
package io.github.rcsoftphone.media.rtp;
