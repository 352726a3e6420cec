package io.github.rcsoftphone.sip.message;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the SIP message parser, its stream framing and the header grammars it feeds
 * (Via, CSeq, name-addr, URI). Property: each returns a value or throws {@link SipParseException}; anything else
 * is a bug; the index of the well-known headers must agree with a scan. Under plain JUnit only the seeds in {@code SipParserFuzzTestInputs/} run; {@code scripts/fuzz} fuzzes.
 */
class SipParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] data) {
        SipMessage message;
        try {
            message = SipParser.parse(data);
        } catch (SipParseException rejected) {
            return;
        }
        message.toBytes();
        KnownHeadersTest.checkAgainstScan(message.headers());
        for (String name : new String[] {HeaderNames.FROM, HeaderNames.TO, "Contact", "Route", "Record-Route"}) {
            for (String value : message.headers().values(name)) {
                try {
                    NameAddr.parse(value);
                } catch (SipParseException rejected) {
                    // typed rejection is the contract
                }
            }
        }
        for (String value : message.headers().values(HeaderNames.VIA)) {
            try {
                Via.parse(value);
            } catch (SipParseException rejected) {
                // typed rejection is the contract
            }
        }
        for (String value : message.headers().values(HeaderNames.CSEQ)) {
            try {
                CSeq.parse(value);
            } catch (SipParseException rejected) {
                // typed rejection is the contract
            }
        }
        if (message instanceof SipRequest request) {
            try {
                SipUri.parse(request.uri().toString());
            } catch (SipParseException rejected) {
                // typed rejection is the contract
            }
        }
    }

    @FuzzTest(maxDuration = "60s")
    void messageLength(byte[] data) {
        try {
            int length = SipFraming.messageLength(data, 0, data.length);
            if (length > data.length) {
                throw new AssertionError("frame of " + length + " bytes in " + data.length);
            }
        } catch (SipParseException rejected) {
            // typed rejection is the contract
        }
    }
}
