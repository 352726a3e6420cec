package io.github.rcsoftphone.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rcsoftphone.media.secure.DtlsRole;
import io.github.rcsoftphone.media.secure.IceCandidate;
import io.github.rcsoftphone.media.secure.IceParameters;
import io.github.rcsoftphone.media.secure.SdesKeys;
import io.github.rcsoftphone.media.secure.SdesRemote;
import io.github.rcsoftphone.media.secure.WebRtcLocal;
import io.github.rcsoftphone.media.secure.WebRtcRemote;
import io.github.rcsoftphone.sdp.MediaDescription;
import io.github.rcsoftphone.sdp.SdpNegotiationException;
import io.github.rcsoftphone.sdp.SessionDescription;
import io.github.rcsoftphone.sdp.Setup;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Our offers for outbound calls and what the far end's answer makes of them: pure functions. */
class OfferSdpTest {
    private static final String FP = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
    private static final WebRtcLocal LOCAL = new WebRtcLocal(new IceParameters("uFrg", "pwd0123456789abcdefghijk"),
            List.of(new IceCandidate("1", 1, "udp", 2130706431L, "192.0.2.7", 41000, "host", null, -1)), "sha-256", FP);

    private static String answer(String setup, String extra) {
        return "v=0\r\no=- 2 1 IN IP4 198.51.100.5\r\ns=-\r\nc=IN IP4 198.51.100.5\r\nt=0 0\r\n"
                + "m=audio 50000 UDP/TLS/RTP/SAVPF 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=sendrecv\r\na=rtcp-mux\r\na=ice-ufrag:theirs\r\na=ice-pwd:theirpassword0123456789\r\n"
                + "a=fingerprint:sha-256 " + FP + "\r\n" + (setup == null ? "" : "a=setup:" + setup + "\r\n")
                + "a=candidate:9 1 UDP 2130706431 198.51.100.5 50000 typ host\r\n" + extra;
    }

    @Test
    void theWebRtcOfferCarriesOurIceCandidatesFingerprintAndActpass() throws Exception {
        SessionDescription offer = WebRtcSdp.offer(LOCAL, List.of("PCMU", "opus"));
        MediaDescription audio = SessionDescription.parse(offer.toString()).audio().orElseThrow();
        assertThat(audio.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.port()).isEqualTo(41000);
        assertThat(offer.connection(audio).address()).isEqualTo("192.0.2.7");
        assertThat(audio.formats()).containsExactly("0", "111", "101");
        assertThat(offer.ice(audio).orElseThrow().ufrag()).isEqualTo("uFrg");
        assertThat(offer.setup(audio)).contains(Setup.ACTPASS);
        assertThat(offer.fingerprint(audio).orElseThrow().algorithm()).isEqualTo("sha-256");
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.candidates()).singleElement().satisfies(c -> assertThat(c.port()).isEqualTo(41000));
    }

    @Test
    void theAnswersSetupDecidesOurDtlsRole() throws Exception {
        assertThat(WebRtcSdp.roleFromAnswer(Setup.ACTIVE)).isEqualTo(DtlsRole.SERVER);
        assertThat(WebRtcSdp.roleFromAnswer(Setup.PASSIVE)).isEqualTo(DtlsRole.CLIENT);
        assertThatThrownBy(() -> WebRtcSdp.roleFromAnswer(Setup.HOLDCONN)).isInstanceOf(SdpNegotiationException.class);
        WebRtcRemote remote = WebRtcSdp.remote(SessionDescription.parse(answer("passive", "")), DtlsRole.CLIENT);
        assertThat(remote.ice().ufrag()).isEqualTo("theirs");
        assertThat(remote.candidates()).singleElement().satisfies(c -> assertThat(c.port()).isEqualTo(50000));
        assertThat(remote.fingerprint()).isEqualTo(FP);
        assertThat(remote.ourRole()).isEqualTo(DtlsRole.CLIENT);
        assertThatThrownBy(() -> WebRtcSdp.remote(SessionDescription.parse(answer("active", "").replace(
                "a=fingerprint:sha-256 " + FP + "\r\n", "")), DtlsRole.SERVER))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("fingerprint");
    }

    @Test
    void theSdesOfferHasFreshKeysAndTheAnswerPicksOneOfOurTags() throws Exception {
        List<SdesKeys.CryptoOffer> keys = SdesKeys.offer();
        SessionDescription offer = SdesSdp.offer(keys, List.of("PCMU"), "192.0.2.7", 42000);
        MediaDescription audio = SessionDescription.parse(offer.toString()).audio().orElseThrow();
        assertThat(audio.protocol()).isEqualTo("RTP/SAVP");
        assertThat(audio.formats()).containsExactly("0", "101");
        assertThat(audio.cryptos()).hasSize(keys.size());
        assertThat(audio.cryptos().get(0).suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        assertThat(audio.cryptos().get(0).keySalt()).isEqualTo(keys.get(0).keySalt());

        SdesKeys.CryptoOffer second = keys.get(1);
        byte[] theirKey = new byte[second.keySalt().length];
        String answer = "v=0\r\no=- 2 1 IN IP4 198.51.100.5\r\ns=-\r\nc=IN IP4 198.51.100.5\r\nt=0 0\r\n"
                + "m=audio 50000 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\na=crypto:" + second.tag() + " " + second.suite()
                + " inline:" + SdesKeys.inline(theirKey) + "\r\n";
        SdesRemote remote = SdesSdp.remote(SessionDescription.parse(answer), keys);
        assertThat(remote.rtp()).isEqualTo(new InetSocketAddress("198.51.100.5", 50000));
        assertThat(remote.rtcp()).isEqualTo(new InetSocketAddress("198.51.100.5", 50001));
        assertThat(remote.localKeySalt()).isEqualTo(second.keySalt());
        assertThat(remote.remoteKeySalt()).isEqualTo(theirKey);
        assertThat(SdesKeys.suiteName(remote.profile())).isEqualTo(second.suite());

        String wrongTag = answer.replace("a=crypto:" + second.tag() + " ", "a=crypto:9 ");
        assertThatThrownBy(() -> SdesSdp.remote(SessionDescription.parse(wrongTag), keys))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("matching our offer");
    }
}
