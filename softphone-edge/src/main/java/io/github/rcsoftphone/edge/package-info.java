/**
 * An embedded local SIP edge ({@link io.github.rcsoftphone.edge.LocalEdge}): a registrar and record-routing proxy
 * over WS, WSS, TCP and TLS that behaves like RingCentral's edge closely enough for the softphone (digest
 * challenges, 407 on calls, {@code P-rc} on INVITEs to WebSocket phones, x-rc/agent MESSAGEs), for demos, fast
 * integration tests and benchmarks. It relays SIP only; media flows between the phones.
 */
package io.github.rcsoftphone.edge;
