/**
 * Audio codecs for calls (sans-I/O): Opus (native libopus through JNA when it loads, else
 * pure-Java concentus: {@link io.github.rcsoftphone.media.codec.OpusImplementation}), G.711 µ-law/A-law, RFC 4733 telephone events and a
 * streaming polyphase resampler between 8, 16 and 48 kHz. PCM is always 16-bit signed mono {@code short[]}.
 * {@link io.github.rcsoftphone.media.codec.AudioCodecs} creates fresh codec instances from an SDP rtpmap; codec
 * instances are stateful and not thread-safe: use one per call and direction.
 */
package io.github.rcsoftphone.media.codec;
