package io.github.rcsoftphone.media.secure;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two {@link IceAgent}s wired to each other on a simulated clock (sans-I/O: no sockets, no threads). Each ticks its
 * paced checks every 20 ms as {@link WebRtcTransport} does; datagrams arrive at once unless the test drops them.
 */
class IceAgentTest {
    private static final InetSocketAddress OURS = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress RELAY = new InetSocketAddress("127.0.0.1", 30000);
    private static final long MS = 1_000_000L;
    /** The simulated clock's start, like System.nanoTime: any value (0 too). */
    private static final long START = 5_000 * MS;

    /** A STUN datagram on its way. */
    private record Datagram(byte[] bytes, InetSocketAddress from, InetSocketAddress to) {
    }

    /** Datagrams in flight; those sent to the relay before it started are lost. */
    private final Deque<Datagram> inFlight = new ArrayDeque<>();
    private final SecureRandom random = new SecureRandom();
    private IceParameters ourIce;
    private IceParameters relayIce;
    private IceAgent ours;
    private IceAgent relay;
    private boolean relayStarted;
    private long oursSelectedAt = -1;
    private long oursValidAt = -1;
    private long relaySelectedAt = -1;
    private long now = START;

    @Test
    void agents_select_the_pair_when_every_check_arrives() {
        wire();
        ours.start(relayIce, List.of(candidate(RELAY)), List.of(RELAY));
        startRelay();
        runUntil(now + 1000 * MS);
        assertThat(ours.selected()).isEqualTo(RELAY);
        assertThat(relay.selected()).isEqualTo(OURS);
        assertThat(oursSelectedAt - START).isLessThan(100 * MS);
    }

    /**
     * A media relay that learns our answer from the SIP proxy only after our first check reached it (rtpengine behind
     * Kamailio, under load) ignores that check. Its own check then shows it is ready, and our triggered check (RFC 8445
     * 7.3.1.4, also for a pair whose check is in progress) lets the pair be selected at once instead of at our
     * retransmission 100, 300 or 700 ms after its first check: without it this takes 200 ms here.
     */
    @Test
    void a_check_lost_before_the_peer_was_ready_is_sent_again_as_soon_as_the_peer_checks_us() {
        wire();
        ours.start(relayIce, List.of(candidate(RELAY)), List.of(RELAY));
        ours.checkTick(now);   // our first check: the relay has not started, so it is lost
        now += 150 * MS;       // ... and its retransmission at 100 ms too
        ours.checkTick(now);
        assertThat(inFlight).isEmpty();
        startRelay();
        long relayReadyAt = now;
        runUntil(now + 1000 * MS);
        assertThat(ours.selected()).isEqualTo(RELAY);
        assertThat((oursSelectedAt - relayReadyAt) / MS).as("ms from the relay's start to our selection")
                .isLessThan(60);
    }

    /**
     * A controlling relay that is slow to nominate (rtpengine nominates about 100 ms after its own check succeeded):
     * the pair is reported valid as soon as our check succeeds, so DTLS can start before the nomination.
     */
    @Test
    void the_first_valid_pair_is_reported_before_the_peer_nominates_it() {
        wire();
        startRelay();
        ours.start(relayIce, List.of(candidate(RELAY)), List.of(RELAY));
        ours.checkTick(now);
        deliver();   // our check and its answer; the relay does not tick: no nomination yet
        assertThat(oursValidAt).isEqualTo(START);
        assertThat(ours.selected()).isNull();
        now += 100 * MS;
        runUntil(now + 1000 * MS);
        assertThat(ours.selected()).isEqualTo(RELAY);
        assertThat(oursSelectedAt - START).isEqualTo(100 * MS);
    }

    /** Media may flow on the valid pair before the nomination, so consent is checked on it too (RFC 7675). */
    @Test
    void consent_is_checked_on_the_valid_pair_before_the_nomination() {
        wire();
        startRelay();
        ours.start(relayIce, List.of(candidate(RELAY)), List.of(RELAY));
        ours.checkTick(now);
        deliver();
        assertThat(ours.selected()).isNull();
        now += 100 * MS;
        assertThat(ours.consentTick(now)).isEqualTo(100 * MS);
        assertThat(inFlight).hasSize(1);
        deliver();   // the relay answers
        now += 100 * MS;
        assertThat(ours.consentTick(now)).isEqualTo(100 * MS);
        inFlight.clear();   // the relay is gone
        now += 2000 * MS;
        assertThat(ours.consentTick(now)).isEqualTo(2100 * MS);
    }

    private void wire() {
        ourIce = IceParameters.random(random);
        relayIce = IceParameters.random(random);
        ours = new IceAgent(ourIce, false, 1000, new Host(OURS, true), random);
        relay = new IceAgent(relayIce, true, 2000, new Host(RELAY, false), random);
    }

    private void startRelay() {
        relayStarted = true;
        relay.start(ourIce, List.of(candidate(OURS)), List.of(OURS));
    }

    /** Ticks both agents every 20 ms and delivers datagrams until {@code end}. */
    private void runUntil(long end) {
        while (now < end && (oursSelectedAt < 0 || relaySelectedAt < 0)) {
            ours.checkTick(now);
            deliver();
            if (relayStarted) {
                relay.checkTick(now);
                deliver();
            }
            now += 20 * MS;
        }
    }

    private void deliver() {
        while (!inFlight.isEmpty()) {
            Datagram d = inFlight.poll();
            StunMessage m;
            try {
                m = StunMessage.parse(d.bytes(), 0, d.bytes().length);
            } catch (StunParseException e) {
                throw new AssertionError(e);
            }
            (d.to().equals(OURS) ? ours : relay).onStun(m, d.from(), now);
        }
    }

    private static IceCandidate candidate(InetSocketAddress a) {
        return new IceCandidate("1", 1, "udp", IceCandidate.priority(126, 65535, 1), a.getHostString(), a.getPort(),
                "host", null, -1);
    }

    private final class Host implements IceAgent.Host {
        private final InetSocketAddress self;
        private final boolean isOurs;

        Host(InetSocketAddress self, boolean isOurs) {
            this.self = self;
            this.isOurs = isOurs;
        }

        @Override
        public void send(byte[] datagram, InetSocketAddress to) {
            if (to.equals(RELAY) && !relayStarted) {
                return;
            }
            inFlight.add(new Datagram(datagram, self, to));
        }

        @Override
        public void valid(InetSocketAddress remote) {
            if (isOurs && oursValidAt < 0) {
                oursValidAt = now;
            }
        }

        @Override
        public void selected(InetSocketAddress remote) {
            if (isOurs) {
                oursSelectedAt = now;
            } else {
                relaySelectedAt = now;
            }
        }
    }
}
