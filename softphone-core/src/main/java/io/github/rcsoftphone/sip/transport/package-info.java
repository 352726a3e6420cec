/**
 * SIP transports that move raw message bytes: WebSocket (WS/WSS, RFC 7118) on one NIO selector thread, and TCP/TLS
 * streams framed by {@code Content-Length}. They never parse SIP beyond framing and never log message contents.
 */
package io.github.rcsoftphone.sip.transport;
