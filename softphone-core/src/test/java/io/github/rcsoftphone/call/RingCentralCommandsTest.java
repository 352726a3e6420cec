package io.github.rcsoftphone.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.Call.CallEndReason;
import io.github.rcsoftphone.CallOptions;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.SoftphoneException;
import io.github.rcsoftphone.media.secure.DtlsIdentity;
import io.github.rcsoftphone.media.secure.SdesConfig;
import io.github.rcsoftphone.media.secure.WebRtcConfig;
import io.github.rcsoftphone.register.RegisterRequests;
import io.github.rcsoftphone.sched.EventLoop;
import io.github.rcsoftphone.sip.message.SipParser;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RingCentral's call-control commands on a ringing call, byte for byte against the article's INVITE and its
 * {@code P-rc} sample, and the edge's Cmd 7 / Cmd 9 messages. The test plays the edge on a scripted channel.
 */
class RingCentralCommandsTest {
    /** The article's P-rc, unchanged. */
    private static final String PRC = "<Msg><Hdr SID=\"35741438756848\" Req=\"168655817232901423367701\" Cmd=\"6\" "
            + "From=\"#1523016@sip.ringcentral.com:5060\" To=\"17206666666*11115\"/><Bdy SrvLvl=\"-149699523\" "
            + "SrvLvlExt=\"406\" Phn=\"+16506666666\" Nm=\"WIRELESS CALLER\" ToPhn=\"+16502886382\" ToNm=\"Tyler Liu\" "
            + "RecUrl=\"\"/></Msg>";
    /** What every command's Hdr must be: SID and Req copied, From and To swapped. */
    private static final String HDR = "<Hdr SID=\"35741438756848\" Req=\"168655817232901423367701\" "
            + "From=\"17206666666*11115\" To=\"#1523016@sip.ringcentral.com:5060\" Cmd=\"";
    private static final String AUTH_ID = "802398804016";

    private final EventLoop loop = new EventLoop("test-sip");
    private final MediaClock clock = new MediaClock();
    private final ExecutorService setup = Executors.newCachedThreadPool();
    private final List<SoftphoneEvent> events = new CopyOnWriteArrayList<>();
    private final ScriptedChannel channel = new ScriptedChannel();
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final CallManager manager = manager();

    @AfterEach
    void close() {
        clock.close();
        loop.close();
        setup.shutdownNow();
    }

    private CallManager manager() {
        SipInfo info = new SipInfo("sip.ringcentral.com", "127.0.0.1:8083", "16502886382", "pw", AUTH_ID, TransportKind.WSS);
        RegisterRequests identity = new RegisterRequests(info, UUID.randomUUID(), "test", new SecureRandom());
        loop.execute(() -> identity.bind(channel));
        CallContext ctx = new CallContext(loop, identity, AUTH_ID, List.of("PCMU"),
                WebRtcConfig.defaults(DtlsIdentity.generate(), false), SdesConfig.defaults(), clock, setup, events::add,
                Runnable::run);
        return new CallManager(ctx, calls::add);
    }

    /** The article's INVITE (its headers, its P-rc), with or without P-rc; no SDP is needed while it rings. */
    private static SipRequest invite(boolean withPrc) throws Exception {
        String text = "INVITE sip:3cea8c06-e425-424e-b775-d41d84893e7a@147b2c77-4f94-4572-85a1-fbdb2efb6aff.invalid;transport=ws SIP/2.0\r\n"
                + "Via: SIP/2.0/WSS 199.255.120.223:8083;branch=z9hG4bK5Z5LTdovOUy\r\n"
                + "To: \"WIRELESS CALLER\" <sip:17206666666*11115@98.33.76.34>\r\n"
                + "From: \"WIRELESS CALLER\" <sip:+16506666666@199.255.120.223>;tag=10.13.123.201-5070-51f012c3-aa83-42a\r\n"
                + "Call-Id: 90370e2a-dfe7-4f5a-8a4d-c5bc3b65fc71\r\nCSeq: 470226345 INVITE\r\nMax-Forwards: 67\r\n"
                + "Contact: <sip:+16506666666@199.255.120.223:8083;transport=wss>\r\n"
                + "Call-Info: <358759047_52929943@10.14.116.50>;purpose=info\r\n"
                + (withPrc ? "P-rc: " + PRC + "\r\n" : "")
                + "p-rc-api-call-info: callAttributes=reject,send-vm\r\n"
                + "p-rc-api-ids: party-id=p-0a7c8d86db8a434fa4a0d029a9909f19-2;session-id=s-0a7c8d86db8a434fa4a0d029a9909f19\r\n"
                + "User-Agent: RC_SIPWRP_123.201\r\nContent-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A request from the edge in the INVITE's transaction or about it. */
    private static SipRequest fromEdge(SipRequest invite, String method, String contentType, String body) throws Exception {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String text = method + " " + invite.uri() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/WSS 199.255.120.223:8083;branch=" + (method.equals("CANCEL") ? "z9hG4bK5Z5LTdovOUy" : "z9hG4bKmsg1") + "\r\n"
                + "To: " + invite.header("To").orElseThrow() + "\r\n"
                + "From: " + (method.equals("CANCEL") ? invite.header("From").orElseThrow()
                        : "<sip:#1523016@sip.ringcentral.com>;tag=srv1") + "\r\n"
                + "Call-Id: " + (method.equals("CANCEL") ? invite.callId() : "agent-msg-1") + "\r\n"
                + "CSeq: " + (method.equals("CANCEL") ? "470226345" : "1") + " " + method + "\r\nMax-Forwards: 67\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + b.length + "\r\n\r\n" + body;
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Delivers the INVITE; returns the ringing call after its 180 and receive-confirm. */
    private Call ringing(boolean withPrc) throws Exception {
        SipRequest invite = invite(withPrc);
        loop.execute(() -> manager.onRequest(channel, invite));
        SipResponse r180 = channel.responses.poll(5, TimeUnit.SECONDS);
        assertThat(r180.statusCode()).isEqualTo(180);
        if (withPrc) {
            SipRequest confirm = channel.requests.poll(5, TimeUnit.SECONDS);
            assertThat(confirm.bodyText()).isEqualTo("<Msg>" + HDR + "17\"/><Bdy Cln=\"" + AUTH_ID + "\"/></Msg>");
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !calls.isEmpty());
        return calls.get(0);
    }

    /** The edge CANCELs the ringing INVITE: 200 to the CANCEL, 487 to the INVITE, the call's end. */
    private Call.CallEnd cancelledByTheEdge(Call call) throws Exception {
        SipRequest cancel = fromEdge(invite(true), "CANCEL", null, "");
        loop.execute(() -> manager.onRequest(channel, cancel));
        nextResponse(200, "CANCEL");
        nextResponse(487, "INVITE");
        return call.ended().get(5, TimeUnit.SECONDS);
    }

    private SipResponse nextResponse(int code, String method) throws InterruptedException {
        SipResponse r = channel.responses.poll(5, TimeUnit.SECONDS);
        assertThat(r).as("a %d to %s", code, method).isNotNull();
        assertThat(r.statusCode()).isEqualTo(code);
        assertThat(r.cseq().method()).isEqualTo(method);
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "voicemail|11|<Bdy Cln=\"802398804016\"/>|sent to voicemail",
        "forward|10|<Bdy Cln=\"802398804016\" FwdDly=\"0\" Phn=\"+16505550199\" PhnTp=\"3\"/>|forwarded to +16505550199",
        "reply|14|<Bdy Cln=\"802398804016\" RepTp=\"0\" Bdy=\"On my way &amp; late\"/>|replied with a text",
        "decline|12|<Bdy Cln=\"802398804016\"/>|declined"})
    void eachCommandIsAnAgentMessageToTheSessionAndTheEdgesCancelEndsTheCall(String command, int cmd, String bdy,
            String detail) throws Exception {
        Call call = ringing(true);
        Function<Call, CompletableFuture<Void>> send = switch (command) {
            case "voicemail" -> Call::toVoicemail;
            case "forward" -> c -> c.forward("+16505550199");
            case "reply" -> c -> c.reply("On my way & late");
            default -> c -> {
                c.decline();
                return CompletableFuture.completedFuture(null);
            };
        };
        send.apply(call).get(5, TimeUnit.SECONDS);
        SipRequest m = channel.requests.poll(5, TimeUnit.SECONDS);
        String body = "<Msg>" + HDR + cmd + "\"/>" + bdy + "</Msg>";
        String wire = new String(m.toBytes(), StandardCharsets.UTF_8);
        assertThat(wire).startsWith("MESSAGE sip:#1523016@sip.ringcentral.com:5060 SIP/2.0\r\n")
                .contains("\r\nTo: <sip:#1523016@sip.ringcentral.com:5060>\r\n")
                .containsPattern("\r\nFrom: <sip:16502886382@sip.ringcentral.com>;tag=[A-Za-z0-9]+\r\n")
                .contains("\r\nContent-Type: x-rc/agent\r\n")
                .contains("\r\nCSeq: 1 MESSAGE\r\n")
                .contains("\r\nMax-Forwards: 70\r\n")
                .containsPattern("\r\nVia: SIP/2.0/WSS [^\r]+;branch=z9hG4bK")
                .contains("\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n")
                .endsWith("\r\n\r\n" + body);
        assertThat(m.callId()).isNotBlank().isNotEqualTo(call.id());

        // the edge takes it from here: nothing final from us while it rings, then its CANCEL ends the call
        assertThat(channel.responses.poll(300, TimeUnit.MILLISECONDS)).as("no final response of our own").isNull();
        assertThat(call.state()).isEqualTo(Call.CallState.RINGING);
        Call.CallEnd end = cancelledByTheEdge(call);
        assertThat(end.reason()).isEqualTo(CallEndReason.DECLINED);
        assertThat(end.detail()).isEqualTo(detail);
    }

    @Test
    void withoutPrcTheCommandsRefuseAndDeclineSends603() throws Exception {
        Call call = ringing(false);
        assertThatThrownBy(call::toVoicemail).isInstanceOf(IllegalStateException.class).hasMessageContaining("P-rc");
        assertThatThrownBy(() -> call.forward("101")).isInstanceOf(IllegalStateException.class).hasMessageContaining("P-rc");
        assertThatThrownBy(() -> call.reply("hi")).isInstanceOf(IllegalStateException.class).hasMessageContaining("P-rc");
        call.decline();
        nextResponse(603, "INVITE");
        assertThat(call.ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(CallEndReason.DECLINED);
        assertThat(channel.requests).as("no MESSAGE without P-rc").isEmpty();
    }

    @Test
    void anOutboundCallRefusesTheRingingCommands() {
        Call out = manager.outbound("+16505550199", CallOptions.defaults());
        assertThatThrownBy(out::toVoicemail).isInstanceOf(IllegalStateException.class).hasMessageContaining("outbound");
        assertThatThrownBy(() -> out.forward("101")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> out.reply("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(out::ignore).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRefusedCommandFailsAndTheCallRingsOnWhileARefusedDeclineFallsBackTo603() throws Exception {
        Call call = ringing(true);
        channel.statusFor = r -> 403;
        assertThatThrownBy(() -> call.toVoicemail().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SoftphoneException.class).hasMessageContaining("refused command 11")
                .hasMessageContaining("403");
        assertThat(call.state()).isEqualTo(Call.CallState.RINGING);
        call.decline();
        nextResponse(603, "INVITE");
        assertThat(call.ended().get(5, TimeUnit.SECONDS).detail()).isEqualTo("declined");
        assertThat(channel.requests.stream().map(r -> r.bodyText().replaceAll(".*Cmd=\"(\\d+)\".*", "$1")).toList())
                .containsExactly("11", "12");
    }

    @ParameterizedTest(name = "Cmd {0}")
    @CsvSource({"7", "9"})
    void theEdgesAnsweredElsewhereAndSessionCloseEndTheRingingCall(int cmd) throws Exception {
        Call call = ringing(true);
        SipRequest invite = invite(true);
        String others = "<Msg><Hdr SID=\"35741438756848\" Req=\"1\" From=\"#1523016@sip.ringcentral.com:5060\" "
                + "To=\"17206666666*11115\" Cmd=\"" + cmd + "\"/><Bdy Cln=\"802398804099\"/></Msg>";
        String otherSession = "<Msg><Hdr SID=\"99\" Cmd=\"" + cmd + "\"/></Msg>";
        for (String body : List.of(others, otherSession)) {
            SipRequest message = fromEdge(invite, "MESSAGE", "x-rc/agent", body);
            assertThat(CompletableFuture.supplyAsync(() -> manager.onRequest(channel, message), loop::execute)
                    .get(5, TimeUnit.SECONDS)).as("MESSAGE is answered 200 by the softphone").isFalse();
        }
        assertThat(channel.responses.poll(300, TimeUnit.MILLISECONDS)).as("another device's or session's: ignored").isNull();
        assertThat(call.state()).isEqualTo(Call.CallState.RINGING);

        String ours = "<Msg><Hdr SID=\"35741438756848\" Req=\"1\" From=\"#1523016@sip.ringcentral.com:5060\" "
                + "To=\"17206666666*11115\" Cmd=\"" + cmd + "\"/>" + (cmd == 7 ? "<Bdy Cln=\"" + AUTH_ID + "\"/>" : "")
                + "</Msg>";
        SipRequest message = fromEdge(invite, "MESSAGE", "x-rc/agent", ours);
        loop.execute(() -> manager.onRequest(channel, message));
        nextResponse(487, "INVITE");
        Call.CallEnd end = call.ended().get(5, TimeUnit.SECONDS);
        assertThat(end.reason()).isEqualTo(CallEndReason.ANSWERED_ELSEWHERE);
        assertThat(end.detail()).contains("Cmd " + cmd);
    }

    @Test
    void sessionCloseAfterAReplyEndsItAsTheReply() throws Exception {
        Call call = ringing(true);
        call.reply("Call you later").get(5, TimeUnit.SECONDS);
        String close = "<Msg><Hdr SID=\"35741438756848\" Cmd=\"9\"/></Msg>";
        SipRequest message = fromEdge(invite(true), "MESSAGE", "x-rc/agent", close);
        loop.execute(() -> manager.onRequest(channel, message));
        nextResponse(487, "INVITE");
        Call.CallEnd end = call.ended().get(5, TimeUnit.SECONDS);
        assertThat(end.reason()).isEqualTo(CallEndReason.DECLINED);
        assertThat(end.detail()).isEqualTo("replied with a text");
        assertThatThrownBy(() -> call.toVoicemail().get(5, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("ended");
    }

    @Test
    void ignoreSendsNothingAndTheCallEndsWithTheEdgesCancel() throws Exception {
        Call call = ringing(true);
        call.ignore();
        assertThat(channel.requests.poll(300, TimeUnit.MILLISECONDS)).isNull();
        assertThat(channel.responses.poll(10, TimeUnit.MILLISECONDS)).isNull();
        assertThat(call.state()).isEqualTo(Call.CallState.RINGING);
        Call.CallEnd end = cancelledByTheEdge(call);
        assertThat(end.reason()).isEqualTo(CallEndReason.CANCELLED);
        assertThat(end.detail()).contains("ignored");
    }
}
