package io.github.rcsoftphone.bench.micro;

import java.nio.charset.StandardCharsets;

/**
 * SIP messages from RingCentral's article "RingCentral softphone in Go" (a REGISTER's 200 OK and an incoming INVITE
 * with its WebRTC SDP), with CRLF line ends and a correct Content-Length, as the edge sends them.
 */
public final class SipSamples {
    private SipSamples() {
    }

    /** The 200 OK to an authenticated REGISTER. */
    public static final String REGISTER_200 = crlf("""
            SIP/2.0 200 OK
            Via: SIP/2.0/TCP 147b2c77-4f94-4572-85a1-fbdb2efb6aff.invalid;branch=z9hG4bK373f2f6c-220b-43dc-9e04-4921336965e5;received=98.33.76.34
            To: <sip:17206666666*11115@sip.ringcentral.com>;tag=2a77cbf960ac867417503d7f78a9c521-05f6
            From: <sip:17206666666*11115@sip.ringcentral.com>;tag=b8731b49-0e4a-435b-abd0-273967eb27e2
            Call-ID: 2f8d335a-037b-429f-ab91-3927bc98b2a2
            CSeq: 8083 REGISTER
            Contact: <sip:3cea8c06-e425-424e-b775-d41d84893e7a@147b2c77-4f94-4572-85a1-fbdb2efb6aff.invalid;transport=ws>;expires=52
            Content-Length: 0

            """);

    private static final String INVITE_SDP = crlf("""
            v=0
            o=- 5880443394298904479 7252956430269573836 IN IP4 199.255.120.232
            s=SmcSip
            c=IN IP4 199.255.120.232
            t=0 0
            m=audio 21886 RTP/SAVPF 109 111 18 0 8 9 96 101
            a=rtpmap:109 OPUS/16000
            a=fmtp:109 useinbandfec=1
            a=rtcp-fb:109 ccm tmmbr
            a=rtpmap:111 OPUS/48000/2
            a=fmtp:111 useinbandfec=1
            a=rtcp-fb:111 ccm tmmbr
            a=rtpmap:18 g729/8000
            a=fmtp:18 annexb=no
            a=rtpmap:0 pcmu/8000
            a=rtpmap:8 pcma/8000
            a=rtpmap:9 g722/8000
            a=rtpmap:96 ilbc/8000
            a=fmtp:96 mode=20
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=sendrecv
            a=rtcp:21887
            a=rtcp-mux
            a=setup:actpass
            a=fingerprint:sha-1 E0:B2:83:1B:E2:0A:19:8D:A2:8C:CE:B3:60:3A:BC:17:83:67:28:81
            a=ice-ufrag:MQSXD3LG
            a=ice-pwd:eLQMLNpXeCXEfoU38A6xzBCRLk
            a=candidate:lVt5YyAxexOkz5l5 1 UDP 2130706431 199.255.120.232 21886 typ host
            a=candidate:lVt5YyAxexOkz5l5 2 UDP 2130706430 199.255.120.232 21887 typ host
            """);

    /** An incoming call over WSS with RingCentral's P-rc and api-ids headers and a WebRTC offer. */
    public static final String INVITE = crlf("""
            INVITE sip:3cea8c06-e425-424e-b775-d41d84893e7a@147b2c77-4f94-4572-85a1-fbdb2efb6aff.invalid;transport=ws SIP/2.0
            Via: SIP/2.0/WSS 199.255.120.223:8083;branch=z9hG4bK5Z5LTdovOUy
            To: "WIRELESS CALLER" <sip:17206666666*11115@98.33.76.34>
            From: "WIRELESS CALLER" <sip:+16506666666@199.255.120.223>;tag=10.13.123.201-5070-51f012c3-aa83-42a
            Call-Id: 90370e2a-dfe7-4f5a-8a4d-c5bc3b65fc71
            CSeq: 470226345 INVITE
            Max-Forwards: 67
            Contact: <sip:+16506666666@199.255.120.223:8083;transport=wss>
            Content-Type: application/sdp
            Call-Info: <358759047_52929943@10.14.116.50>;purpose=info
            P-rc: <Msg><Hdr SID="35741438756848" Req="168655817232901423367701" Cmd="6" From="#1523016@sip.ringcentral.com:5060" To="17206666666*11115"/><Bdy SrvLvl="-149699523" SrvLvlExt="406" Phn="+16506666666" Nm="WIRELESS CALLER" ToPhn="+16502886382" ToNm="Tyler Liu" RecUrl=""/></Msg>
            p-rc-api-call-info: callAttributes=reject,send-vm
            p-rc-api-ids: party-id=p-0a7c8d86db8a434fa4a0d029a9909f19-2;session-id=s-0a7c8d86db8a434fa4a0d029a9909f19
            User-Agent: RC_SIPWRP_123.201
            """) + "Content-Length: " + INVITE_SDP.length() + "\r\n\r\n" + INVITE_SDP;

    /** {@code text} as US-ASCII bytes. */
    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String crlf(String text) {
        return text.replace("\n", "\r\n");
    }
}
