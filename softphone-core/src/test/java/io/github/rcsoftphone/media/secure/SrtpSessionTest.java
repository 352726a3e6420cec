package io.github.rcsoftphone.media.secure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * SRTP against RFC 3711: an independent reference (JCE AES-CTR + HmacSHA1) is checked with the Appendix B.2
 * keystream and B.3 key-derivation vectors, then jitsi-srtp's output through {@link SrtpSession} must equal it byte
 * for byte. Also replay and tamper detection, and the per-packet cost.
 */
class SrtpSessionTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] B3_MASTER_KEY = HEX.parseHex("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static final byte[] B3_MASTER_SALT = HEX.parseHex("0EC675AD498AFEEBB6960B3AABE6");

    /** AES-CM keystream (RFC 3711 4.1.1) starting at counter block iv. */
    static byte[] keystream(byte[] key, byte[] iv16, int length) throws Exception {
        Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv16));
        return c.doFinal(new byte[length]);
    }

    /** RFC 3711 4.3 key derivation with key_derivation_rate 0 and index 0. */
    static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) throws Exception {
        byte[] iv = Arrays.copyOf(masterSalt, 16);
        iv[7] ^= (byte) label;
        return keystream(masterKey, iv, length);
    }

    /** Reference SRTP protect for AES_CM_128_HMAC_SHA1_80, ROC 0. */
    static byte[] referenceProtect(byte[] masterKey, byte[] masterSalt, byte[] rtp) throws Exception {
        byte[] ke = derive(masterKey, masterSalt, 0, 16);
        byte[] ka = derive(masterKey, masterSalt, 1, 20);
        byte[] ks = derive(masterKey, masterSalt, 2, 14);
        int ssrc = ByteBuffer.wrap(rtp, 8, 4).getInt();
        long index = ((rtp[2] & 0xff) << 8) | (rtp[3] & 0xff);
        byte[] iv = Arrays.copyOf(ks, 16);
        for (int i = 0; i < 4; i++) {
            iv[4 + i] ^= (byte) (ssrc >>> (24 - 8 * i));
        }
        for (int i = 0; i < 6; i++) {
            iv[8 + i] ^= (byte) (index >>> (40 - 8 * i));
        }
        byte[] stream = keystream(ke, iv, rtp.length - 12);
        byte[] out = Arrays.copyOf(rtp, rtp.length + 10);
        for (int i = 12; i < rtp.length; i++) {
            out[i] ^= stream[i - 12];
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(ka, "HmacSHA1"));
        mac.update(out, 0, rtp.length);
        mac.update(new byte[4]);
        System.arraycopy(mac.doFinal(), 0, out, rtp.length, 10);
        return out;
    }

    @Test
    void reference_matches_rfc3711_b2_keystream() throws Exception {
        byte[] key = HEX.parseHex("2B7E151628AED2A6ABF7158809CF4F3C");
        byte[] iv = HEX.parseHex("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
        byte[] ks = keystream(key, iv, 16 * 3);
        assertThat(HEX.formatHex(ks).toUpperCase()).isEqualTo("E03EAD0935C95E80E166B16DD92B4EB4"
                + "D23513162B02D0F72A43A2FE4A5F97AB" + "41E95B3BB0A2E8DD477901E4FCA894C0");
        byte[] iv2 = HEX.parseHex("F0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF");
        assertThat(HEX.formatHex(keystream(key, iv2, 48)).toUpperCase()).isEqualTo("EC8CDF7398607CB0F2D21675EA9EA1E4"
                + "362B7C3C6773516318A077D7FC5073AE" + "6A2CC3787889374FBEB4C81B17BA6C44");
    }

    @Test
    void reference_matches_rfc3711_b3_key_derivation() throws Exception {
        assertThat(HEX.formatHex(derive(B3_MASTER_KEY, B3_MASTER_SALT, 0, 16)).toUpperCase())
                .isEqualTo("C61E7A93744F39EE10734AFE3FF7A087");
        assertThat(HEX.formatHex(derive(B3_MASTER_KEY, B3_MASTER_SALT, 2, 14)).toUpperCase())
                .isEqualTo("30CBBC08863D8C85D49DB34A9AE1");
        assertThat(HEX.formatHex(derive(B3_MASTER_KEY, B3_MASTER_SALT, 1, 20)).toUpperCase())
                .isEqualTo("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");
    }

    @Test
    void jitsi_srtp_output_equals_the_rfc3711_reference_and_round_trips() throws Exception {
        SrtpKeys keys = new SrtpKeys(SrtpProfile.AES128_CM_HMAC_SHA1_80, B3_MASTER_KEY, B3_MASTER_SALT, B3_MASTER_KEY,
                B3_MASTER_SALT);
        try (SrtpSession s = new SrtpSession(keys)) {
            for (int seq : new int[] {0, 1, 0x1234}) {
                byte[] rtp = WebRtcTransportTest.rtp(seq, 0xCAFEBABE, "0123456789abcdef0123".getBytes());
                byte[] p = s.protectRtp(rtp);
                assertThat(p).isEqualTo(referenceProtect(B3_MASTER_KEY, B3_MASTER_SALT, rtp));
                SrtpSession.Result r = s.unprotectRtp(p, 0, p.length);
                assertThat(r.status()).isEqualTo(SrtpSession.Status.OK);
                assertThat(r.packet()).isEqualTo(rtp);
            }
        }
    }

    @Test
    void libsrtp_known_answer_vector() {
        // libsrtp test/srtp_driver.c: AES_CM_128_HMAC_SHA1_80, "srtp_plaintext_ref" -> "srtp_ciphertext"
        byte[] key = HEX.parseHex("e1f97a0d3e018be0d64fa32c06de4139");
        byte[] salt = HEX.parseHex("0ec675ad498afeebb6960b3aabe6");
        byte[] plain = HEX.parseHex("800f1234decafbadcafebabeabababababababababababababababab");
        byte[] expected = HEX.parseHex("800f1234decafbadcafebabe4e55dc4ce79978d88ca4d215949d2402b78d6acc99ea179b8dbb");
        try (SrtpSession s = new SrtpSession(new SrtpKeys(SrtpProfile.AES128_CM_HMAC_SHA1_80, key, salt, key, salt))) {
            assertThat(HEX.formatHex(s.protectRtp(plain))).isEqualTo(HEX.formatHex(expected));
        }
    }

    @Test
    void replays_and_tampering_are_detected_for_rtp_and_rtcp() {
        for (SrtpProfile profile : SrtpProfile.values()) {
            SrtpKeys a = keys(profile, 1, 2);
            SrtpKeys b = keys(profile, 2, 1);
            try (SrtpSession sa = new SrtpSession(a); SrtpSession sb = new SrtpSession(b)) {
                byte[] rtp = WebRtcTransportTest.rtp(7, 42, "hello".getBytes());
                byte[] p = sa.protectRtp(rtp);
                assertThat(sb.unprotectRtp(p, 0, p.length).packet()).as(profile.name()).isEqualTo(rtp);
                assertThat(sb.unprotectRtp(p, 0, p.length).status()).isEqualTo(SrtpSession.Status.REPLAYED);
                byte[] q = sa.protectRtp(WebRtcTransportTest.rtp(8, 42, "hello".getBytes()));
                q[q.length - 1] ^= 1;
                assertThat(sb.unprotectRtp(q, 0, q.length).status()).isEqualTo(SrtpSession.Status.AUTH_FAILED);
                byte[] rtcp = WebRtcTransportTest.rtcp(42);
                byte[] c = sa.protectRtcp(rtcp);
                assertThat(sb.unprotectRtcp(c, 0, c.length).packet()).isEqualTo(rtcp);
                assertThat(sb.unprotectRtcp(c, 0, c.length).status()).isEqualTo(SrtpSession.Status.REPLAYED);
                byte[] bad = sa.protectRtcp(rtcp);
                bad[9] ^= 1;
                assertThat(sb.unprotectRtcp(bad, 0, bad.length).status()).isEqualTo(SrtpSession.Status.AUTH_FAILED);
                assertThat(sb.unprotectRtp(new byte[5], 0, 5).status()).isEqualTo(SrtpSession.Status.INVALID);
            }
        }
    }

    @Test
    void per_packet_cost() {
        SrtpKeys a = keys(SrtpProfile.AES128_CM_HMAC_SHA1_80, 1, 2);
        SrtpKeys b = keys(SrtpProfile.AES128_CM_HMAC_SHA1_80, 2, 1);
        try (SrtpSession sa = new SrtpSession(a); SrtpSession sb = new SrtpSession(b)) {
            byte[] payload = new byte[160];
            int n = 20_000;
            for (int round = 0; round < 3; round++) {
                byte[][] packets = new byte[n][];
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    packets[i] = sa.protectRtp(WebRtcTransportTest.rtp((round * n + i) & 0xffff, 9, payload));
                }
                long t1 = System.nanoTime();
                int ok = 0;
                for (int i = 0; i < n; i++) {
                    ok += sb.unprotectRtp(packets[i], 0, packets[i].length).status() == SrtpSession.Status.OK ? 1 : 0;
                }
                long t2 = System.nanoTime();
                assertThat(ok).isGreaterThan(n * 9 / 10);
                System.out.printf("SRTP AES_CM_80, 172-byte RTP, round %d: protect %.1f us, unprotect %.1f us per packet%n",
                        round, (t1 - t0) / 1000.0 / n, (t2 - t1) / 1000.0 / n);
            }
        }
    }

    private static SrtpKeys keys(SrtpProfile p, int local, int remote) {
        byte[] lk = new byte[p.keyLength()];
        byte[] ls = new byte[p.saltLength()];
        byte[] rk = new byte[p.keyLength()];
        byte[] rs = new byte[p.saltLength()];
        Arrays.fill(lk, (byte) local);
        Arrays.fill(ls, (byte) (local + 10));
        Arrays.fill(rk, (byte) remote);
        Arrays.fill(rs, (byte) (remote + 10));
        return new SrtpKeys(p, lk, ls, rk, rs);
    }
}
