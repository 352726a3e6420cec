package io.github.rcsoftphone.media.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rcsoftphone.media.secure.SdesKeys.Chosen;
import io.github.rcsoftphone.media.secure.SdesKeys.CryptoOffer;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdesKeysTest {
    private static final String S80 = "AES_CM_128_HMAC_SHA1_80";
    private static final String S32 = "AES_CM_128_HMAC_SHA1_32";
    private static final String GCM = "AEAD_AES_128_GCM";

    private static byte[] key(int n, int fill) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }

    @Test
    void choose_prefers_80_over_32_whatever_the_order() {
        Chosen c = SdesKeys.choose(List.of(new CryptoOffer(1, S32, key(30, 1)), new CryptoOffer(2, S80, key(30, 2))))
                .orElseThrow();
        assertThat(c.tag()).isEqualTo(2);
        assertThat(c.profile()).isEqualTo(SrtpProfile.AES128_CM_HMAC_SHA1_80);
        assertThat(c.remoteKeySalt()).isEqualTo(key(30, 2));
        assertThat(c.localKeySalt()).hasSize(30).isNotEqualTo(key(30, 2));
        assertThat(c.suite()).isEqualTo(S80);
        Chosen d = SdesKeys.choose(List.of(new CryptoOffer(1, S80, key(30, 2)), new CryptoOffer(2, S32, key(30, 1))))
                .orElseThrow();
        assertThat(d.tag()).isEqualTo(1);
        assertThat(SdesKeys.choose(List.of(new CryptoOffer(5, S32, key(30, 1)))).orElseThrow().profile())
                .isEqualTo(SrtpProfile.AES128_CM_HMAC_SHA1_32);
    }

    @Test
    void choose_orders_gcm_between_80_and_32() {
        List<CryptoOffer> all = List.of(new CryptoOffer(1, S32, key(30, 1)), new CryptoOffer(2, GCM, key(28, 2)),
                new CryptoOffer(3, S80, key(30, 3)));
        assertThat(SdesKeys.choose(all).orElseThrow().tag()).isEqualTo(3);
        Chosen g = SdesKeys.choose(all.subList(0, 2)).orElseThrow();
        assertThat(g.profile()).isEqualTo(SrtpProfile.AEAD_AES_128_GCM);
        assertThat(g.localKeySalt()).hasSize(28);
    }

    @Test
    void choose_skips_unknown_suites_and_bad_key_lengths() {
        assertThat(SdesKeys.choose(List.of())).isEmpty();
        assertThat(SdesKeys.choose(List.of(new CryptoOffer(1, "AES_256_CM_HMAC_SHA1_80", key(46, 1)),
                new CryptoOffer(2, "F8_128_HMAC_SHA1_80", key(30, 1)), new CryptoOffer(3, S80, key(29, 1)),
                new CryptoOffer(4, S80, key(31, 1)), new CryptoOffer(5, GCM, key(30, 1)),
                new CryptoOffer(6, "aes_cm_128_hmac_sha1_80x", key(30, 1))))).isEmpty();
        Chosen c = SdesKeys.choose(List.of(new CryptoOffer(1, S80, key(16, 1)), new CryptoOffer(2, S32, key(30, 7))))
                .orElseThrow();
        assertThat(c.tag()).isEqualTo(2);
    }

    @Test
    void local_keys_are_fresh_per_call() {
        List<CryptoOffer> o = List.of(new CryptoOffer(1, S80, key(30, 1)));
        byte[] a = SdesKeys.choose(o).orElseThrow().localKeySalt();
        byte[] b = SdesKeys.choose(o).orElseThrow().localKeySalt();
        assertThat(a).isNotEqualTo(b);
        assertThat(a).isNotEqualTo(new byte[30]);
    }

    @Test
    void inline_is_base64_of_key_and_salt_and_answer_value_is_an_a_crypto_value() {
        byte[] k = new byte[30];
        for (int i = 0; i < k.length; i++) {
            k[i] = (byte) (i * 7);
        }
        String s = SdesKeys.inline(k);
        assertThat(s).hasSize(40).doesNotContain("=");
        assertThat(Base64.getDecoder().decode(s)).isEqualTo(k);
        assertThat(SdesKeys.inline(new byte[28])).hasSize(40).endsWith("=");
        Chosen c = SdesKeys.choose(List.of(new CryptoOffer(7, S80, k))).orElseThrow();
        assertThat(c.answerValue()).isEqualTo("7 " + S80 + " inline:" + SdesKeys.inline(c.localKeySalt()));
        assertThat(c.toString()).doesNotContain(SdesKeys.inline(c.localKeySalt()));
    }

    @Test
    void offer_and_answered_match_tags_and_suites() {
        List<CryptoOffer> ours = SdesKeys.offer();
        assertThat(ours).extracting(CryptoOffer::suite).containsExactly(S80, GCM, S32);
        assertThat(ours).extracting(CryptoOffer::tag).containsExactly(1, 2, 3);
        Chosen c = SdesKeys.answered(ours, new CryptoOffer(3, S32, key(30, 9))).orElseThrow();
        assertThat(c.profile()).isEqualTo(SrtpProfile.AES128_CM_HMAC_SHA1_32);
        assertThat(c.localKeySalt()).isEqualTo(ours.get(2).keySalt());
        assertThat(c.remoteKeySalt()).isEqualTo(key(30, 9));
        assertThat(SdesKeys.answered(ours, new CryptoOffer(1, S32, key(30, 9)))).isEmpty();
        assertThat(SdesKeys.answered(ours, new CryptoOffer(9, S80, key(30, 9)))).isEmpty();
        assertThat(SdesKeys.answered(ours, new CryptoOffer(1, S80, key(20, 9)))).isEmpty();
    }

    @Test
    void suite_names_round_trip_and_remote_checks_lengths() {
        for (SrtpProfile p : SrtpProfile.values()) {
            assertThat(SdesKeys.profileOf(SdesKeys.suiteName(p))).isEqualTo(p);
        }
        assertThat(SdesKeys.profileOf("NULL")).isNull();
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", 4000);
        assertThatThrownBy(() -> new SdesRemote(a, null, SrtpProfile.AES128_CM_HMAC_SHA1_80, key(30, 1), key(28, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("localKeySalt");
        SdesRemote r = new SdesRemote(a, null, SrtpProfile.AES128_CM_HMAC_SHA1_80, key(30, 1), key(30, 2));
        assertThat(r.rtcpMux()).isTrue();
        SrtpKeys k = r.keys();
        assertThat(k.localKey()).isEqualTo(key(16, 2));
        assertThat(k.localSalt()).isEqualTo(key(14, 2));
        assertThat(k.remoteKey()).isEqualTo(key(16, 1));
        assertThat(r.toString()).doesNotContain(SdesKeys.inline(key(30, 1)));
    }
}
