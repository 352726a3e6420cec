package io.github.rcsoftphone.interop.matrix;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Puts a real-peer test into the interop matrix (INTEROP.md): one row per test run, with its result (pass, fail,
 * skipped) and what the test measured through a {@link MatrixRecorder} parameter. A parameterised test sets the
 * columns that vary ({@code transport}, {@code codec}) on its recorder; {@code "{param}"} here says so.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
@ExtendWith(MatrixRecorder.Resolver.class)
public @interface Interop {
    /** The real program on the other side: {@code baresip}, {@code Chromium+JsSIP}, {@code sipp}, ... */
    String peer();

    /** The softphone's SIP transport and media flavour: {@code WSS (WebRTC)}, {@code TLS (SDES)}, {@code WS}. */
    String transport() default "";

    /** {@code inbound} (the peer calls the softphone), {@code outbound}, or empty where no call is made. */
    String direction() default "";

    String codec() default "";

    /** What is checked: {@code registration}, {@code audio both ways}, {@code DTMF}, {@code hold}, {@code transfer}, ... */
    String feature();

    /** Through what: {@code Kamailio+rtpengine}, {@code embedded edge}. */
    String via() default "Kamailio+rtpengine";
}
