/**
 * Audio sources and sinks for calls: generated tones and silence, precomputed loops
 * ({@link io.github.rcsoftphone.media.audio.LoopSource}), WAV files (read and streamed write) and
 * {@link io.github.rcsoftphone.media.audio.AudioAnalysis} (dominant frequency, level) used by tests and the demo
 * check. PCM is always 16-bit signed mono {@code short[]}. Only the WAV classes do I/O.
 */
package io.github.rcsoftphone.media.audio;
