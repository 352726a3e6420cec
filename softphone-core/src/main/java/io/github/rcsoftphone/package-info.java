/**
 * A softphone that registers as a RingCentral device: the public API ({@code Softphone}, {@code SipInfo},
 * events). The SIP layers live in {@code sip.*}; nothing here depends on a logging backend.
 */
package io.github.rcsoftphone;
