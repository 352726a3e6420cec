package io.github.rcsoftphone.edge;

/**
 * What the edge has done so far.
 *
 * @param registrations the bindings held now (one per registered number)
 * @param callsRouted INVITEs (out of dialog) forwarded to a registered phone since start
 * @param activeConnections open client connections, all transports
 */
public record EdgeStats(int registrations, long callsRouted, int activeConnections) { }
