package io.github.rcsoftphone.edge;

import io.github.rcsoftphone.sip.message.NameAddr;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The headers RingCentral's edge adds to an INVITE for a WebSocket phone (see ringcentral.md and the Kamailio
 * test edge): {@code P-rc} with the Cmd 6 XML (its {@code From="#<sid>@<domain>:5060"} is where the phone sends
 * its receive-confirm) and {@code p-rc-api-ids} with the telephony session and party ids.
 */
final class RcHeaders {

    private RcHeaders() {
    }

    /** {@code P-rc} and {@code p-rc-api-ids}, as name, value, name, value. */
    static List<String> forInvite(String callId, NameAddr from, String callee, String domain) {
        String x = md5(callId);
        long sid = ThreadLocalRandom.current().nextLong(1_000_000_000L, 10_000_000_000L);
        String phone = clean(from.uri().user() == null ? "" : from.uri().user());
        String name = clean(from.displayName() == null ? "" : from.displayName());
        String to = clean(callee);
        String prc = "<Msg><Hdr SID=\"" + sid + "\" Req=\"" + x + "\" Cmd=\"6\" From=\"#" + sid + "@" + clean(domain)
                + ":5060\" To=\"" + to + "\"/><Bdy SrvLvl=\"-149699523\" SrvLvlExt=\"406\" Phn=\"" + phone + "\" Nm=\""
                + name + "\" ToPhn=\"" + to + "\" ToNm=\"" + to + "\" RecUrl=\"\"/></Msg>";
        return List.of("P-rc", prc, "p-rc-api-ids", "party-id=p-" + x + "-2;session-id=s-" + x);
    }

    /** Keeps what is safe inside an XML attribute without escaping, like the Kamailio edge does. */
    private static String clean(String s) {
        return s.replaceAll("[^A-Za-z0-9 .,_+-]", "");
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this JDK", e);
        }
    }
}
