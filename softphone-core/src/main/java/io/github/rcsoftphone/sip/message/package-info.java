/**
 * The SIP message model: immutable requests and responses ({@link io.github.rcsoftphone.sip.message.SipMessage}),
 * an ordered, case-insensitive header list, and the structured values RingCentral signalling needs (URI, name-addr,
 * Via, CSeq). {@link io.github.rcsoftphone.sip.message.SipParser} turns bytes into messages and
 * {@link io.github.rcsoftphone.sip.message.SipMessage#toBytes()} writes them back; nothing here does I/O.
 */
package io.github.rcsoftphone.sip.message;
