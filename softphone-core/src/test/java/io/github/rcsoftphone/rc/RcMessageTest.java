package io.github.rcsoftphone.rc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RcMessageTest {

    /** The article's INVITE P-rc header value. */
    static final String ARTICLE = "<Msg><Hdr SID=\"35741438756848\" Req=\"168655817232901423367701\" Cmd=\"6\" "
            + "From=\"#1523016@sip.ringcentral.com:5060\" To=\"17206666666*11115\"/><Bdy SrvLvl=\"-149699523\" "
            + "SrvLvlExt=\"406\" Phn=\"+16506666666\" Nm=\"WIRELESS CALLER\" ToPhn=\"+16502886382\" ToNm=\"Tyler Liu\" "
            + "RecUrl=\"\"/></Msg>";

    @Test
    void articleSampleParsesEveryAttributeInOrder() throws RcParseException {
        RcMessage m = RcMessage.parse(ARTICLE);
        assertThat(m.hdr()).containsExactly(entry("SID", "35741438756848"), entry("Req", "168655817232901423367701"),
                entry("Cmd", "6"), entry("From", "#1523016@sip.ringcentral.com:5060"), entry("To", "17206666666*11115"));
        assertThat(m.bdy()).containsExactly(entry("SrvLvl", "-149699523"), entry("SrvLvlExt", "406"),
                entry("Phn", "+16506666666"), entry("Nm", "WIRELESS CALLER"), entry("ToPhn", "+16502886382"),
                entry("ToNm", "Tyler Liu"), entry("RecUrl", ""));
        assertThat(m.cmd()).isEqualTo(6);
        assertThat(m.sid()).isEqualTo("35741438756848");
        assertThat(m.req()).isEqualTo("168655817232901423367701");
        assertThat(m.from()).isEqualTo("#1523016@sip.ringcentral.com:5060");
        assertThat(m.to()).isEqualTo("17206666666*11115");
        assertThat(m.cln()).isNull();
        assertThat(m.toXml()).isEqualTo(ARTICLE);
        assertThat(CallerInfo.of(m)).isEqualTo(new CallerInfo("WIRELESS CALLER", "+16506666666", "+16502886382",
                "Tyler Liu"));
    }

    @Test
    void serverCommandsWithoutBodyOrWithWhitespaceParse() throws RcParseException {
        RcMessage m = RcMessage.parse("  <Msg>\n  <Hdr SID='1' Cmd='7'/>\n  <Bdy Cln='802398804016'/>\n</Msg>\n");
        assertThat(m.cmd()).isEqualTo(RcCommands.ALREADY_PROCESSED);
        assertThat(m.cln()).isEqualTo("802398804016");
        RcMessage noBody = RcMessage.parse("<?xml version=\"1.0\"?><Msg><Hdr Cmd=\"9\"/></Msg>");
        assertThat(noBody.bdy()).isEmpty();
        assertThat(noBody.toXml()).isEqualTo("<Msg><Hdr Cmd=\"9\"/><Bdy/></Msg>");
        assertThat(RcMessage.parse("<Msg><Hdr Cmd=\"x\"/></Msg>").cmd()).isEqualTo(-1);
        assertThat(RcMessage.parse("<Msg><Hdr/></Msg>").cmd()).isEqualTo(-1);
    }

    @Test
    void commandsMatchTheSdkShape() throws RcParseException {
        RcMessage in = RcMessage.parse(ARTICLE);
        String hdr = "<Hdr SID=\"35741438756848\" Req=\"168655817232901423367701\" From=\"17206666666*11115\" "
                + "To=\"#1523016@sip.ringcentral.com:5060\" Cmd=\"";
        assertThat(RcCommands.receiveConfirm(in, "802398804016").toXml())
                .isEqualTo("<Msg>" + hdr + "17\"/><Bdy Cln=\"802398804016\"/></Msg>");
        assertThat(RcCommands.toVoicemail(in, "802398804016").toXml())
                .isEqualTo("<Msg>" + hdr + "11\"/><Bdy Cln=\"802398804016\"/></Msg>");
        assertThat(RcCommands.decline(in, "802398804016").toXml())
                .isEqualTo("<Msg>" + hdr + "12\"/><Bdy Cln=\"802398804016\"/></Msg>");
        assertThat(RcCommands.forward(in, "802398804016", "+16505550100").toXml())
                .isEqualTo("<Msg>" + hdr + "10\"/><Bdy Cln=\"802398804016\" FwdDly=\"0\" Phn=\"+16505550100\" "
                        + "PhnTp=\"3\"/></Msg>");
        assertThat(RcCommands.startReply(in, "802398804016").toXml())
                .isEqualTo("<Msg>" + hdr + "13\"/><Bdy Cln=\"802398804016\"/></Msg>");
        assertThat(RcCommands.replyWithText(in, "802398804016", "In a meeting & busy <5 min>").toXml())
                .isEqualTo("<Msg>" + hdr + "14\"/><Bdy Cln=\"802398804016\" RepTp=\"0\" "
                        + "Bdy=\"In a meeting &amp; busy &lt;5 min&gt;\"/></Msg>");
        RcMessage confirm = RcCommands.receiveConfirm(in, "802398804016");
        assertThat(confirm.cmd()).isEqualTo(17);
        assertThat(confirm.from()).isEqualTo(in.to());
        assertThat(confirm.to()).isEqualTo(in.from());
        assertThat(RcMessage.parse(confirm.toXml())).isEqualTo(confirm);
    }

    @Test
    void attributesAreEscapedAndRoundTrip() throws RcParseException {
        Map<String, String> bdy = new LinkedHashMap<>();
        bdy.put("Nm", "O'Brien & \"Sons\" <ltd>");
        bdy.put("Txt", "line1\nline2\tx\r");
        bdy.put("Emoji", "\u263A \uD83D\uDE00 caf\u00e9");
        RcMessage m = new RcMessage(Map.of("Cmd", "13"), bdy);
        assertThat(m.toXml()).isEqualTo("<Msg><Hdr Cmd=\"13\"/><Bdy Nm=\"O'Brien &amp; &quot;Sons&quot; &lt;ltd&gt;\" "
                + "Txt=\"line1&#10;line2&#9;x&#13;\" Emoji=\"\u263A \uD83D\uDE00 caf\u00e9\"/></Msg>");
        assertThat(RcMessage.parse(m.toXml())).isEqualTo(m);
        RcMessage control = new RcMessage(Map.of(), Map.of("Bad", "a\u0001b\uD800c"));
        assertThat(control.toXml()).contains("Bad=\"a\uFFFDb\uFFFDc\"");
        assertThat(RcMessage.parse(control.toXml()).bdy().get("Bad")).isEqualTo("a\uFFFDb\uFFFDc");
    }

    @Test
    void withMethodsKeepOrderAndImmutability() {
        Map<String, String> hdr = new LinkedHashMap<>();
        hdr.put("SID", "1");
        hdr.put("Cmd", "6");
        hdr.put("To", "x");
        RcMessage m = new RcMessage(hdr, Map.of());
        hdr.put("SID", "changed");
        assertThat(m.sid()).isEqualTo("1");
        assertThat(m.withCmd(17).hdr()).containsExactly(entry("SID", "1"), entry("Cmd", "17"), entry("To", "x"));
        assertThat(m.withBdy("Cln", "9").bdy()).containsExactly(entry("Cln", "9"));
        assertThat(m.cmd()).isEqualTo(6);
        assertThatThrownBy(() -> m.hdr().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new RcMessage(Map.of("a b", "1"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doctypeAndEntitiesAreRefused() throws RcParseException {
        List<String> attacks = List.of(
                "<?xml version=\"1.0\"?><!DOCTYPE Msg [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
                        + "<Msg><Hdr Cmd=\"6\"/><Bdy Nm=\"&xxe;\"/></Msg>",
                "<!DOCTYPE Msg SYSTEM \"http://127.0.0.1:1/evil.dtd\"><Msg><Hdr Cmd=\"6\"/></Msg>",
                "<!DOCTYPE Msg [<!ENTITY % p SYSTEM \"file:///etc/hostname\"> %p;]><Msg><Hdr/></Msg>",
                "<!DOCTYPE Msg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><Msg><Hdr Nm=\"&c;\"/></Msg>",
                "<Msg><Hdr Nm=\"&undefined;\"/></Msg>",
                "<Msg xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/passwd\"/>"
                        + "<Hdr/></Msg>");
        for (String xml : attacks.subList(0, 5)) {
            assertThatThrownBy(() -> RcMessage.parse(xml)).as(xml).isInstanceOf(RcParseException.class)
                    .hasMessageContaining("P-rc");
        }
        assertThatThrownBy(() -> RcMessage.parse(attacks.get(0))).hasMessageContaining("DOCTYPE");
        // XInclude is off: the include element is an ignored child, nothing is fetched
        assertThat(RcMessage.parse(attacks.get(5))).isEqualTo(new RcMessage(Map.of(), Map.of()));
    }

    @Test
    void wrongShapesAreRefused() {
        for (String xml : List.of("", "not xml", "<Message><Hdr/></Message>", "<Msg><Bdy/></Msg>",
                "<Msg><Hdr/><Hdr/></Msg>", "<Msg><Hdr a=\"1\" a=\"2\"/></Msg>", "<Msg><Hdr></Msg>",
                "<Msg><Hdr/></Msg><Msg/>")) {
            assertThatThrownBy(() -> RcMessage.parse(xml)).as(xml).isInstanceOf(RcParseException.class);
        }
        assertThatThrownBy(() -> RcMessage.parse(null)).isInstanceOf(RcParseException.class);
        String huge = "<Msg><Hdr Cmd=\"6\"/><Bdy Nm=\"" + "x".repeat(RcXml.MAX_CHARS) + "\"/></Msg>";
        assertThatThrownBy(() -> RcMessage.parse(huge)).isInstanceOf(RcParseException.class)
                .hasMessageContaining("too long");
    }

    @Test
    void randomTruncationsAndMutationsOnlyThrowRcParseException() {
        Random random = new Random(17);
        String sample = ARTICLE;
        String interesting = "<>/\"'=&;# \n!?[]%xmlDOCTYPEENTITY\u0000\uD800";
        for (int n = 0; n <= sample.length(); n++) {
            check(sample.substring(0, n));
            check(sample.substring(n));
        }
        for (int round = 0; round < 500; round++) {
            StringBuilder sb = new StringBuilder(sample);
            for (int e = 1 + random.nextInt(5); e > 0; e--) {
                int at = random.nextInt(sb.length() + 1);
                switch (random.nextInt(3)) {
                    case 0 -> sb.insert(at, interesting.charAt(random.nextInt(interesting.length())));
                    case 1 -> sb.delete(at, Math.min(sb.length(), at + random.nextInt(10)));
                    default -> {
                        if (at < sb.length()) {
                            sb.setCharAt(at, (char) random.nextInt(0x3000));
                        }
                    }
                }
            }
            check(sb.toString());
        }
    }

    private static void check(String xml) {
        RcMessage m;
        try {
            m = RcMessage.parse(xml);
        } catch (RcParseException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("parse threw " + e + " for " + xml, e);
        }
        m.cmd();
        CallerInfo.of(m);
        RcCommands.receiveConfirm(m, "1");
        try {
            assertThat(RcMessage.parse(m.toXml())).isEqualTo(m);
        } catch (RcParseException e) {
            throw new AssertionError("re-read failed for " + xml + " written as " + m.toXml(), e);
        }
    }
}
