package io.github.rcsoftphone.sip.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The index of Call-ID, CSeq, From, To and Via answers exactly what a scan with {@link HeaderNames#matches} answers,
 * whatever the spelling (case, compact forms); {@link #checkAgainstScan} is also run on every parsed input of
 * {@link ParserRobustnessTest} and of the {@link SipParserFuzzTest} fuzz target.
 */
class KnownHeadersTest {
    private static final String[] NAMES = {HeaderNames.CALL_ID, HeaderNames.CSEQ, HeaderNames.FROM, HeaderNames.TO,
        HeaderNames.VIA};
    private static final int[] SLOTS = {KnownHeaders.CALL_ID, KnownHeaders.CSEQ, KnownHeaders.FROM, KnownHeaders.TO,
        KnownHeaders.VIA};

    /** Throws {@link AssertionError} when the index and a scan of {@code headers} disagree. */
    static void checkAgainstScan(Headers headers) {
        for (int i = 0; i < NAMES.length; i++) {
            String indexed = headers.firstKnown(SLOTS[i]);
            String scanned = headers.firstOrNull(NAMES[i]);
            if (!Objects.equals(indexed, scanned)) {
                throw new AssertionError(NAMES[i] + ": index " + indexed + ", scan " + scanned);
            }
        }
        if (!headers.viaValues().equals(headers.values(HeaderNames.VIA))) {
            throw new AssertionError("Via: index " + headers.viaValues() + ", scan " + headers.values(HeaderNames.VIA));
        }
    }

    @Test
    void everySpellingFindsItsSlotAndNothingElseDoes() {
        for (String name : new String[] {"Call-ID", "call-id", "CALL-ID", "Call-Id", "i", "I"}) {
            assertThat(KnownHeaders.slot(name)).as(name).isEqualTo(KnownHeaders.CALL_ID);
        }
        for (String name : new String[] {"From", "FROM", "f", "F"}) {
            assertThat(KnownHeaders.slot(name)).as(name).isEqualTo(KnownHeaders.FROM);
        }
        for (String name : new String[] {"To", "tO", "t", "T"}) {
            assertThat(KnownHeaders.slot(name)).as(name).isEqualTo(KnownHeaders.TO);
        }
        for (String name : new String[] {"Via", "VIA", "v", "V"}) {
            assertThat(KnownHeaders.slot(name)).as(name).isEqualTo(KnownHeaders.VIA);
        }
        assertThat(KnownHeaders.slot("cseq")).isEqualTo(KnownHeaders.CSEQ);
        for (String name : new String[] {"Contact", "m", "Call-IX", "Tо", "Vía", "Frog", "x", "l", "Content-Length",
            "CSeqs", ""}) {
            assertThat(KnownHeaders.slot(name)).as(name).isEqualTo(-1);
        }
    }

    @Test
    void agreesWithTheScanOnRepeatedMissingAndCompactHeaders() {
        checkAgainstScan(Headers.empty());
        checkAgainstScan(Headers.of(List.of(new Header("v", "SIP/2.0/WSS a;branch=z9hG4bK1, SIP/2.0/TLS b"),
                new Header("VIA", "SIP/2.0/UDP c"), new Header("t", "<sip:b@x>"), new Header("To", "<sip:c@x>"),
                new Header("i", "id1"), new Header("Call-ID", "id2"), new Header("CSEQ", "1 INVITE"))));
        Headers one = Headers.of(List.of(new Header("Via", "SIP/2.0/WSS a;branch=z9hG4bK1"),
                new Header("f", "<sip:a@x>;tag=1")));
        checkAgainstScan(one);
        assertThat(one.viaValues()).containsExactly("SIP/2.0/WSS a;branch=z9hG4bK1");
        assertThat(one.firstKnown(KnownHeaders.TO)).isNull();
        assertThat(one.firstKnown(KnownHeaders.FROM)).isEqualTo("<sip:a@x>;tag=1");
    }
}
