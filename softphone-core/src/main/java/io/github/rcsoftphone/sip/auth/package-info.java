/**
 * SIP digest authentication (RFC 2617 / RFC 7616 as used by RFC 3261): parsing a challenge, computing the
 * {@code Authorization} value, and redacting responses from logged messages. Sans-I/O: it works on strings only.
 */
package io.github.rcsoftphone.sip.auth;
