package io.github.rcsoftphone.media.secure;

import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;

/**
 * Gets jitsi-srtp's AES ready once per JVM, away from the media threads. On the first cipher it creates, jitsi-srtp
 * benchmarks every AES implementation it knows (11,000 rounds each) while holding a global lock: 1.8-3 s measured
 * here. When that happened on the media clock's first SRTP packet, every call of the softphone stopped sending for
 * that long (a new process's first call lost its first seconds). The transports call {@link #ensureReady()} when
 * they are created, on the call set-up thread, so the first call of a process pays it in set-up time instead.
 * The implementation is pinned first (OpenSSL through jitsi's shim when it loaded, else the JDK's), which is what
 * the benchmark picks here anyway and makes it shorter; it is the library's process-wide setting, always set to
 * the same value.
 */
final class AesFactory {
    private static final String CHOSEN = prepare(); // class initialisation: once per JVM, thread-safe

    private AesFactory() {
    }

    /** Blocks until jitsi-srtp's AES is ready (at once after the first time); returns the implementation used. */
    static String ensureReady() {
        return CHOSEN;
    }

    private static String prepare() {
        String name = JitsiOpenSslProvider.isLoaded() ? "org.jitsi.srtp.crypto.Aes$OpenSSLCipherFactory"
                : "org.jitsi.srtp.crypto.Aes$SunJCECipherFactory";
        Aes.setFactoryClassName(name);
        Aes.createCipher("AES/CTR/NoPadding"); // runs and caches the benchmark for the SRTP default suite
        return name;
    }
}
