package io.github.rcsoftphone.register;

import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.SipInfo.HostPort;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the outbound proxy each connection attempt dials: the main proxy, or the backup one when the device has
 * one ({@link SipInfo#outboundProxyBackup()}).
 * <ul>
 *   <li>Attempts start on the main proxy.</li>
 *   <li>A failed attempt (refused, timed out, TLS failure, or a connection lost before it registered) sends the next
 *       attempt to the other proxy: with a backup, attempts alternate main, backup, main, ...</li>
 *   <li>A registration makes the proxy that took it the current one; when that connection is lost the next attempt
 *       retries the same proxy first, and switches only if that fails. So once registered on the backup the device
 *       stays there until the backup fails.</li>
 *   <li>TLS failures are final only when the latest attempt on every proxy failed with TLS.</li>
 * </ul>
 * The delay between attempts is the caller's business (the registration back-off). Not thread-safe: used on the
 * signalling loop only.
 */
final class ProxySelector {

    /** What a failed attempt means for the next one. */
    enum Next {
        /** Try again (on {@link #current()}) after the back-off. */
        RETRY,
        /** Every proxy failed its TLS handshake: stop for good. */
        GIVE_UP_TLS
    }

    private final List<HostPort> proxies;
    private final boolean[] tlsFailed;
    private int current;
    private boolean registeredHere;
    private int failuresSinceSuccess;

    ProxySelector(SipInfo info) {
        List<HostPort> list = new ArrayList<>(2);
        list.add(info.proxy());
        info.backupProxy().ifPresent(list::add);
        this.proxies = List.copyOf(list);
        this.tlsFailed = new boolean[proxies.size()];
    }

    /** The proxy the next (or current) connection dials. */
    HostPort current() {
        return proxies.get(current);
    }

    /** Whether {@link #current()} is the backup proxy. */
    boolean onBackup() {
        return current > 0;
    }

    /** Whether a backup proxy exists at all. */
    boolean hasBackup() {
        return proxies.size() > 1;
    }

    /** "main proxy host:port" or "backup proxy host:port", for messages. */
    String describe() {
        return (onBackup() ? "backup proxy " : "main proxy ") + current();
    }

    /** The connection to {@link #current()} registered: it stays the current proxy; the failure count restarts. */
    void registered() {
        registeredHere = true;
        failuresSinceSuccess = 0;
        tlsFailed[current] = false;
    }

    /**
     * The connection to {@link #current()} was lost. After a registration on it, the next attempt retries it; a
     * connection that never registered counts as a failed attempt (a proxy that accepts but does not answer).
     */
    void lost() {
        if (registeredHere) {
            registeredHere = false;
        } else {
            failed(false);
        }
    }

    /**
     * An attempt to connect to {@link #current()} failed; the next attempt goes to the other proxy, if any.
     *
     * @param tls whether it was a TLS failure (certificate, host name, handshake)
     */
    Next failed(boolean tls) {
        registeredHere = false;
        failuresSinceSuccess++;
        tlsFailed[current] = tls;
        current = (current + 1) % proxies.size();
        for (boolean f : tlsFailed) {
            if (!f) {
                return Next.RETRY;
            }
        }
        return Next.GIVE_UP_TLS;
    }

    /** Whether every proxy has failed at least once since the start or the last registration. */
    boolean triedAll() {
        return failuresSinceSuccess >= proxies.size();
    }
}
