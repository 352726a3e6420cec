package io.github.rcsoftphone.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.Call.CallEndReason;
import io.github.rcsoftphone.CallOptions;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.TransferFailedException;
import io.github.rcsoftphone.media.secure.DtlsIdentity;
import io.github.rcsoftphone.media.secure.SdesConfig;
import io.github.rcsoftphone.media.secure.WebRtcConfig;
import io.github.rcsoftphone.register.RegisterRequests;
import io.github.rcsoftphone.sched.EventLoop;
import io.github.rcsoftphone.sdp.OfferAnswer;
import io.github.rcsoftphone.sdp.SessionDescription;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.message.SipUri;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Transfers on a scripted edge (TLS flavour, SDES media on loopback): our REFER and the far end's NOTIFYs (blind and
 * attended), a REFER from the far end (we place the new call and NOTIFY), an INVITE with Replaces.
 */
class TransferFlowTest {
    private static final SdesConfig SDES = SdesConfig.defaults().withBindAddress(InetAddress.getLoopbackAddress());

    private final EventLoop loop = new EventLoop("test-sip");
    private final MediaClock clock = new MediaClock();
    private final ExecutorService setup = Executors.newCachedThreadPool();
    private final List<SoftphoneEvent> events = new CopyOnWriteArrayList<>();
    private final List<Call> transferred = new CopyOnWriteArrayList<>();
    private final List<io.github.rcsoftphone.media.secure.MediaTransport> farEnds = new ArrayList<>();
    private final ScriptedChannel channel = new ScriptedChannel(TransportKind.TLS);
    private CallManager manager;

    @BeforeEach
    void start() {
        SipInfo info = new SipInfo("sip.test", "127.0.0.1:5061", "16505550100", "pw", "802398804016", TransportKind.TLS);
        RegisterRequests identity = new RegisterRequests(info, UUID.randomUUID(), "test", new SecureRandom());
        loop.execute(() -> identity.bind(channel));
        CallContext ctx = new CallContext(loop, identity, "802398804016", List.of("PCMU"),
                WebRtcConfig.defaults(DtlsIdentity.generate(), false).withBindAddress(InetAddress.getLoopbackAddress()),
                SDES, clock, setup, events::add, Runnable::run);
        manager = new CallManager(ctx, c -> { }, transferred::add);
    }

    @AfterEach
    void close() {
        farEnds.forEach(t -> t.close());
        clock.close();
        loop.close();
        setup.shutdownNow();
    }

    private SipRequest next(String method) throws InterruptedException {
        return channel.nextRequest(method);
    }

    private SipResponse response(String method) throws InterruptedException {
        return channel.nextResponse(method, 20);
    }

    /** The far end answers an INVITE of ours with SDES media of its own: 200 with Record-Route, our ACK. */
    private void answerInvite(SipRequest invite, String toTag) throws Exception {
        SessionDescription offer = SessionDescription.parse(new String(invite.body(), StandardCharsets.UTF_8));
        var choice = OfferAnswer.chooseAudio(offer.audio().orElseThrow(), List.of("PCMU"));
        PreparedMedia far = SdesSdp.prepare(SDES, offer, choice, "127.0.0.1");
        synchronized (farEnds) {
            farEnds.add(far.transport());
        }
        SipResponse ok = SipResponse.forRequest(invite, 200, "OK", toTag)
                .header("Contact", "<sip:" + toTag + "@127.0.0.1:5070;transport=tls>")
                .header("Record-Route", "<sip:p2.test;lr>").header("Record-Route", "<sip:p1.test;lr>")
                .body("application/sdp", far.answer().toString().getBytes(StandardCharsets.UTF_8)).build();
        loop.execute(() -> channel.reply(ok));
        assertThat(next("ACK").to().tag()).isEqualTo(toTag);
        far.start().get().get(5, TimeUnit.SECONDS);
    }

    /** An outbound call to {@code target}, answered by a far end with tag {@code toTag}; its INVITE. */
    private SipRequest connected(String target, String toTag, Call[] out) throws Exception {
        Call call = manager.outbound(target, CallOptions.defaults());
        loop.execute(() -> manager.place(call, channel));
        SipRequest invite = next("INVITE");
        answerInvite(invite, toTag);
        call.answered().get(10, TimeUnit.SECONDS);
        out[0] = call;
        return invite;
    }

    /** A request from the far end in the dialog of our {@code invite} (answered with tag {@code toTag}). */
    private SipRequest fromFarEnd(SipRequest invite, String toTag, String method, int cseq, String... headers) {
        SipRequest.Builder b = SipRequest.builder(method, SipUri.of("sip:16505550100@127.0.0.1:50600;transport=tls"))
                .header("Via", "SIP/2.0/TLS 127.0.0.1:5070;branch=z9hG4bK" + method + cseq)
                .header("Max-Forwards", "70")
                .header("From", invite.header("To").orElseThrow() + ";tag=" + toTag)
                .header("To", invite.header("From").orElseThrow())
                .header("Call-ID", invite.callId())
                .header("CSeq", cseq + " " + method);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    private SipRequest sipfragNotify(SipRequest invite, int cseq, String status, String state) {
        return SipRequest.builder("NOTIFY", SipUri.of("sip:16505550100@127.0.0.1:50600;transport=tls"))
                .header("Via", "SIP/2.0/TLS 127.0.0.1:5070;branch=z9hG4bKn" + cseq).header("Max-Forwards", "70")
                .header("From", invite.header("To").orElseThrow() + ";tag=callee")
                .header("To", invite.header("From").orElseThrow()).header("Call-ID", invite.callId())
                .header("CSeq", cseq + " NOTIFY").header("Event", "refer").header("Subscription-State", state)
                .body("message/sipfrag;version=2.0", (status + "\r\n").getBytes(StandardCharsets.UTF_8)).build();
    }

    private void deliver(SipRequest r) {
        loop.execute(() -> manager.onRequest(channel, r));
    }

    @Test
    void blindTransferSendsReferReportsNotifiesAndEndsTheCallTransferredAfter200() throws Exception {
        Call[] c = new Call[1];
        SipRequest invite = connected("+16506666666", "callee", c);
        Call call = c[0];
        CompletableFuture<Void> done = call.transfer("+16507777777");

        SipRequest refer = next("REFER");
        assertThat(refer.uri().toString()).isEqualTo("sip:callee@127.0.0.1:5070;transport=tls");
        assertThat(refer.headers().all("Route")).containsExactly("<sip:p1.test;lr>", "<sip:p2.test;lr>");
        assertThat(refer.callId()).isEqualTo(invite.callId());
        assertThat(refer.from().tag()).isEqualTo(invite.from().tag());
        assertThat(refer.to().tag()).isEqualTo("callee");
        assertThat(refer.cseq().sequence()).isGreaterThan(invite.cseq().sequence());
        assertThat(refer.cseq().method()).isEqualTo("REFER");
        assertThat(refer.header("Refer-To")).contains("<sip:+16507777777@sip.test>");
        assertThat(refer.header("Referred-By")).contains("<sip:16505550100@sip.test>");
        assertThat(refer.header("Contact")).isPresent();

        deliver(sipfragNotify(invite, 10, "SIP/2.0 100 Trying", "active;expires=60"));
        assertThat(response("NOTIFY").statusCode()).isEqualTo(200);
        deliver(sipfragNotify(invite, 11, "SIP/2.0 180 Ringing", "active;expires=60"));
        assertThat(response("NOTIFY").statusCode()).isEqualTo(200);
        assertThat(done).isNotDone();
        assertThat(call.state()).isEqualTo(Call.CallState.CONNECTED);
        deliver(sipfragNotify(invite, 12, "SIP/2.0 200 OK", "terminated;reason=noresource"));
        assertThat(response("NOTIFY").statusCode()).isEqualTo(200);
        done.get(5, TimeUnit.SECONDS);
        SipRequest bye = next("BYE");
        assertThat(bye.cseq().sequence()).isGreaterThan(refer.cseq().sequence());
        assertThat(call.ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(CallEndReason.TRANSFERRED);
        assertThat(events).filteredOn(e -> e instanceof SoftphoneEvent.TransferProgress)
                .extracting(e -> ((SoftphoneEvent.TransferProgress) e).statusCode()).containsExactly(100, 180, 200);
        assertThat(events).contains(new SoftphoneEvent.Transferred(call.id(), "+16507777777"));
        int transferredAt = events.indexOf(new SoftphoneEvent.Transferred(call.id(), "+16507777777"));
        assertThat(events.subList(transferredAt, events.size()))
                .anyMatch(e -> e instanceof SoftphoneEvent.Ended x && x.reason() == CallEndReason.TRANSFERRED);
        assertThat(manager.size()).isZero();
    }

    @Test
    void aFailedTargetCallFailsTheTransferAndTheCallStays() throws Exception {
        Call[] c = new Call[1];
        SipRequest invite = connected("+16506666666", "callee", c);
        CompletableFuture<Void> done = c[0].transfer("+16507777777");
        next("REFER");
        deliver(sipfragNotify(invite, 10, "SIP/2.0 100 Trying", "active;expires=60"));
        deliver(sipfragNotify(invite, 11, "SIP/2.0 486 Busy Here", "terminated;reason=noresource"));
        ExecutionException e = Assertions.catchThrowableOfType(() -> done.get(5, TimeUnit.SECONDS),
                ExecutionException.class);
        assertThat(e.getCause()).isInstanceOf(TransferFailedException.class);
        assertThat(((TransferFailedException) e.getCause()).statusCode()).isEqualTo(486);
        assertThat(c[0].state()).isEqualTo(Call.CallState.CONNECTED);
        assertThat(channel.requests.poll(300, TimeUnit.MILLISECONDS)).as("no BYE").isNull();
        assertThat(events).noneMatch(x -> x instanceof SoftphoneEvent.Transferred);

        channel.statusFor = r -> r.isMethod("REFER") ? 603 : 200;
        CompletableFuture<Void> again = c[0].transfer("+16508888888");
        next("REFER");
        e = Assertions.catchThrowableOfType(() -> again.get(5, TimeUnit.SECONDS), ExecutionException.class);
        assertThat(((TransferFailedException) e.getCause()).statusCode()).isEqualTo(603);
        assertThat(c[0].state()).isEqualTo(Call.CallState.CONNECTED);
        c[0].hangup();
        next("BYE");
        assertThat(c[0].ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(CallEndReason.HANGUP);
    }

    @Test
    void anUnknownNotifyGets481AndARingingCallCannotBeTransferred() throws Exception {
        Call ringing = manager.outbound("+16506666666", CallOptions.defaults());
        loop.execute(() -> manager.place(ringing, channel));
        SipRequest invite = next("INVITE");
        Assertions.assertThatThrownBy(() -> ringing.transfer("101").get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class);
        deliver(sipfragNotify(invite, 3, "SIP/2.0 200 OK", "terminated"));
        assertThat(response("NOTIFY").statusCode()).isEqualTo(481);
        ringing.hangup();
    }

    @Test
    void beingTransferredPlacesTheNewCallNotifiesAndEndsTheOldOneOnceAnswered() throws Exception {
        Call[] c = new Call[1];
        SipRequest invite = connected("+16506666666", "callee", c);
        Call old = c[0];
        deliver(fromFarEnd(invite, "callee", "REFER", 7,
                "Refer-To", "<sip:16507777777@sip.test?Replaces=abc%40host.test%3Bto-tag%3Dt1%3Bfrom-tag%3Df1>",
                "Referred-By", "<sip:+16506666666@sip.test>", "Contact", "<sip:callee@127.0.0.1:5070;transport=tls>"));
        SipResponse accepted = response("REFER");
        assertThat(accepted.statusCode()).isEqualTo(202);

        SipRequest trying = next("NOTIFY");
        assertThat(trying.callId()).isEqualTo(invite.callId());
        assertThat(trying.uri().toString()).isEqualTo("sip:callee@127.0.0.1:5070;transport=tls");
        assertThat(trying.headers().all("Route")).containsExactly("<sip:p1.test;lr>", "<sip:p2.test;lr>");
        assertThat(trying.header("Event")).contains("refer");
        assertThat(trying.header("Subscription-State").orElseThrow()).startsWith("active");
        assertThat(trying.header("Content-Type").orElseThrow()).startsWith("message/sipfrag");
        assertThat(trying.bodyText()).isEqualTo("SIP/2.0 100 Trying\r\n");

        SipRequest newInvite = next("INVITE");
        assertThat(newInvite.callId()).isNotEqualTo(invite.callId());
        assertThat(newInvite.uri().toString()).isEqualTo("sip:16507777777@sip.test");
        assertThat(newInvite.header("Referred-By")).contains("<sip:+16506666666@sip.test>");
        assertThat(newInvite.header("Replaces")).contains("abc@host.test;to-tag=t1;from-tag=f1");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> transferred.size() == 1);
        assertThat(transferred.get(0).id()).isEqualTo(newInvite.callId());

        loop.execute(() -> channel.reply(SipResponse.forRequest(newInvite, 180, "Ringing", "target").build()));
        assertThat(next("NOTIFY").bodyText()).isEqualTo("SIP/2.0 180 Ringing\r\n");
        assertThat(old.state()).isEqualTo(Call.CallState.CONNECTED);
        answerInvite(newInvite, "target");
        SipRequest ok = next("NOTIFY");
        assertThat(ok.bodyText()).isEqualTo("SIP/2.0 200 OK\r\n");
        assertThat(ok.header("Subscription-State").orElseThrow()).startsWith("terminated");
        assertThat(ok.cseq().sequence()).isGreaterThan(trying.cseq().sequence());
        SipRequest bye = next("BYE");
        assertThat(bye.callId()).isEqualTo(invite.callId());
        assertThat(old.ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(CallEndReason.TRANSFERRED);
        assertThat(transferred.get(0).state()).isEqualTo(Call.CallState.CONNECTED);
        assertThat(events).contains(new SoftphoneEvent.Transferred(old.id(), "16507777777"));
        assertThat(manager.size()).isEqualTo(1);
    }

    @Test
    void aFailedNewCallIsNotifiedAndTheOldCallStays() throws Exception {
        Call[] c = new Call[1];
        SipRequest invite = connected("+16506666666", "callee", c);
        deliver(fromFarEnd(invite, "callee", "REFER", 7, "Refer-To", "<sip:101@sip.test>"));
        assertThat(response("REFER").statusCode()).isEqualTo(202);
        next("NOTIFY");
        SipRequest newInvite = next("INVITE");
        assertThat(newInvite.header("Referred-By")).contains("<sip:+16506666666@sip.test>");
        assertThat(newInvite.header("Replaces")).isEmpty();
        loop.execute(() -> channel.reply(SipResponse.forRequest(newInvite, 486, "Busy Here", "target").build()));
        next("ACK");
        SipRequest last = next("NOTIFY");
        assertThat(last.bodyText()).isEqualTo("SIP/2.0 486 Busy Here\r\n");
        assertThat(last.header("Subscription-State").orElseThrow()).startsWith("terminated");
        assertThat(c[0].state()).isEqualTo(Call.CallState.CONNECTED);
        assertThat(channel.requests.poll(300, TimeUnit.MILLISECONDS)).as("no BYE").isNull();

        deliver(fromFarEnd(invite, "callee", "REFER", 8));
        assertThat(response("REFER").statusCode()).as("no Refer-To").isEqualTo(400);
    }

    @Test
    void attendedTransferRefersWithTheConsultationsReplaces() throws Exception {
        Call[] a = new Call[1];
        Call[] b = new Call[1];
        SipRequest first = connected("+16506666666", "callee", a);
        SipRequest second = connected("+16507777777", "target", b);
        CompletableFuture<Void> done = a[0].transfer(b[0]);
        SipRequest refer = next("REFER");
        assertThat(refer.callId()).isEqualTo(first.callId());
        String expected = "<sip:+16507777777@sip.test?Replaces=" + Transfers.escape(second.callId()) + "%3Bto-tag%3Dtarget"
                + "%3Bfrom-tag%3D" + second.from().tag() + ">";
        assertThat(refer.header("Refer-To")).contains(expected);
        deliver(sipfragNotify(first, 10, "SIP/2.0 200 OK", "terminated"));
        done.get(5, TimeUnit.SECONDS);
        assertThat(next("BYE").callId()).isEqualTo(first.callId());
        assertThat(a[0].ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(CallEndReason.TRANSFERRED);
        assertThat(events).contains(new SoftphoneEvent.Transferred(a[0].id(), "+16507777777"));
    }

    @Test
    void anInviteWithMatchingReplacesIsAnsweredAndTheReplacedCallEnds() throws Exception {
        Call[] c = new Call[1];
        SipRequest invite = connected("+16506666666", "callee", c);
        OfferedMedia caller = SdesSdp.prepareOffer(SDES, List.of("PCMU"), "127.0.0.1");
        synchronized (farEnds) {
            farEnds.add(caller.transport());
        }
        SipRequest.Builder b = SipRequest.builder("INVITE", SipUri.of("sip:16505550100@127.0.0.1:50600;transport=tls"))
                .header("Via", "SIP/2.0/TLS 127.0.0.1:5080;branch=z9hG4bKrepl").header("Max-Forwards", "70")
                .header("From", "<sip:+16509999999@sip.test>;tag=carol").header("To", "<sip:16505550100@sip.test>")
                .header("Call-ID", "replacing-1").header("CSeq", "1 INVITE")
                .header("Contact", "<sip:carol@127.0.0.1:5080;transport=tls>");
        String sdp = caller.offer().toString();
        deliver(b.header("Replaces", "nope;to-tag=x;from-tag=y").body("application/sdp",
                sdp.getBytes(StandardCharsets.UTF_8)).build());
        assertThat(response("INVITE").statusCode()).isEqualTo(481);

        SipRequest replacing = SipRequest.builder("INVITE", SipUri.of("sip:16505550100@127.0.0.1:50600;transport=tls"))
                .header("Via", "SIP/2.0/TLS 127.0.0.1:5080;branch=z9hG4bKrepl2").header("Max-Forwards", "70")
                .header("From", "<sip:+16509999999@sip.test>;tag=carol").header("To", "<sip:16505550100@sip.test>")
                .header("Call-ID", "replacing-2").header("CSeq", "1 INVITE")
                .header("Contact", "<sip:carol@127.0.0.1:5080;transport=tls>")
                .header("Replaces", invite.callId() + ";to-tag=" + invite.from().tag() + ";from-tag=callee")
                .body("application/sdp", sdp.getBytes(StandardCharsets.UTF_8)).build();
        deliver(replacing);
        SipResponse ok;
        do {
            ok = response("INVITE");
        } while (ok.statusCode() < 200);
        assertThat(ok.statusCode()).isEqualTo(200);
        caller.answered().accept(SessionDescription.parse(ok.bodyText())).get().get(5, TimeUnit.SECONDS);
        SipRequest bye = next("BYE");
        assertThat(bye.callId()).isEqualTo(invite.callId());
        assertThat(c[0].ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(CallEndReason.TRANSFERRED);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> transferred.size() == 1);
        assertThat(transferred.get(0).id()).isEqualTo("replacing-2");
        assertThat(transferred.get(0).state()).isEqualTo(Call.CallState.CONNECTED);
        assertThat(events).contains(new SoftphoneEvent.Transferred(c[0].id(), "+16509999999"));
    }

    @Test
    void replacesAndSipfragShapes() {
        var r = new Transfers.Replaces("a1@h;x", "to1", "from1");
        SipUri target = SipUri.of("sip:+16507777777@sip.test;transport=tls");
        String referTo = Transfers.referToWithReplaces(target, r);
        assertThat(referTo).isEqualTo("sip:+16507777777@sip.test;transport=tls?Replaces=a1%40h%3Bx%3Bto-tag%3Dto1"
                + "%3Bfrom-tag%3Dfrom1");
        SipUri parsed = SipUri.of(referTo);
        assertThat(Transfers.unescape(parsed.headers().get("Replaces"))).isEqualTo("a1@h;x;to-tag=to1;from-tag=from1");
        assertThat(Transfers.Replaces.parse("abc@h; from-tag=f ;to-tag=t;early-only"))
                .contains(new Transfers.Replaces("abc@h", "t", "f"));
        assertThat(Transfers.Replaces.parse("abc;to-tag=t")).isEmpty();
        assertThat(Transfers.Replaces.parse(";to-tag=t;from-tag=f")).isEmpty();
        assertThat(Transfers.unescape("a%4")).isEqualTo("a%4");
        assertThat(Transfers.unescape("%zz%41%c3%a9")).isEqualTo("%zzAé");
        assertThat(Transfers.Status.ofSipfrag("SIP/2.0 183 Session Progress\r\nX: y\r\n".getBytes(StandardCharsets.UTF_8)))
                .contains(new Transfers.Status(183, "Session Progress"));
        assertThat(Transfers.Status.ofSipfrag("SIP/2.0 200".getBytes(StandardCharsets.UTF_8)))
                .contains(new Transfers.Status(200, ""));
        for (String bad : List.of("", "INVITE sip:a SIP/2.0", "SIP/2.0 99 x", "SIP/2.0 abc", "\u0000\u00ff")) {
            assertThat(Transfers.Status.ofSipfrag(bad.getBytes(StandardCharsets.UTF_8))).isEmpty();
        }
    }
}
