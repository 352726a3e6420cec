package io.github.rcsoftphone.sip.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamFramerTest {
    private static final String INVITE = "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/TLS h;branch=z9hG4bK1\r\n"
            + "Content-Type: application/sdp\r\nContent-Length: 13\r\n\r\nv=0\r\no=ü x\r\n";
    private static final String OK = "SIP/2.0 200 OK\r\nCSeq: 1 REGISTER\r\ncontent-length:0\r\n\r\n";

    @Test
    void framesAMessageSplitAtEveryByteBoundary() throws Exception {
        byte[] bytes = (INVITE + OK).getBytes(UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            StreamFramer framer = new StreamFramer(65536);
            List<byte[]> out = new ArrayList<>(framer.feed(bytes, 0, split));
            out.addAll(framer.feed(bytes, split, bytes.length - split));
            assertThat(texts(out)).as("split at %d", split).containsExactly(INVITE, OK);
            assertThat(framer.buffered()).isZero();
        }
    }

    @Test
    void framesByteByByte() throws Exception {
        byte[] bytes = ("\r\n\r\n" + OK + "\r\n" + INVITE + "\r\n\r\n").getBytes(UTF_8);
        StreamFramer framer = new StreamFramer(65536);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            out.addAll(framer.feed(bytes, i, 1));
        }
        assertThat(texts(out)).containsExactly(OK, INVITE);
    }

    @Test
    void severalMessagesInOneChunkWithKeepAlivesBetween() throws Exception {
        byte[] bytes = ("\r\n\r\n" + OK + "\r\n\r\n" + INVITE + "\r\n" + OK).getBytes(UTF_8);
        assertThat(texts(new StreamFramer(65536).feed(bytes, 0, bytes.length))).containsExactly(OK, INVITE, OK);
    }

    @Test
    void onlyKeepAlivesYieldNothing() throws Exception {
        StreamFramer framer = new StreamFramer(1024);
        for (int i = 0; i < 5000; i++) {
            assertThat(framer.feed("\r\n\r\n".getBytes(UTF_8), 0, 4)).isEmpty();
        }
        assertThat(framer.buffered()).isZero();
    }

    @Test
    void acceptsCompactFormAnyCaseAndBareLineFeeds() throws Exception {
        String compact = "MESSAGE sip:a SIP/2.0\r\nL :  5\r\n\r\nhello";
        String bareLf = "OPTIONS sip:a SIP/2.0\nContent-LENGTH: 2\n\nhi";
        byte[] bytes = (compact + bareLf).getBytes(UTF_8);
        assertThat(texts(new StreamFramer(65536).feed(bytes, 0, bytes.length))).containsExactly(compact, bareLf);
    }

    @Test
    void missingContentLengthIsAProtocolError() {
        byte[] bytes = "OPTIONS sip:a SIP/2.0\r\nVia: x\r\n\r\n".getBytes(UTF_8);
        StreamFramer framer = new StreamFramer(65536);
        assertThatThrownBy(() -> framer.feed(bytes, 0, bytes.length))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.PROTOCOL))
                .hasMessageContaining("no Content-Length");
        assertThatThrownBy(() -> framer.feed(bytes, 0, 1)).hasMessageContaining("no Content-Length");
    }

    @Test
    void invalidOrConflictingContentLengthIsAProtocolError() {
        for (String header : List.of("Content-Length: -1", "Content-Length: abc", "Content-Length:", "l: 1e3",
                "Content-Length: 3\r\nl: 4")) {
            byte[] bytes = ("OPTIONS sip:a SIP/2.0\r\n" + header + "\r\n\r\n").getBytes(UTF_8);
            assertThatThrownBy(() -> new StreamFramer(65536).feed(bytes, 0, bytes.length)).as(header)
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.PROTOCOL));
        }
    }

    @Test
    void shortLyingContentLengthLeavesGarbageThatFailsAsProtocolError() throws Exception {
        byte[] bytes = "MESSAGE sip:a SIP/2.0\r\nContent-Length: 2\r\n\r\nhello\r\n\r\n".getBytes(UTF_8);
        StreamFramer framer = new StreamFramer(65536);
        assertThatThrownBy(() -> framer.feed(bytes, 0, bytes.length))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.PROTOCOL));
    }

    @Test
    void longLyingContentLengthWaitsForTheRest() throws Exception {
        byte[] head = "MESSAGE sip:a SIP/2.0\r\nContent-Length: 10\r\n\r\nhello".getBytes(UTF_8);
        StreamFramer framer = new StreamFramer(65536);
        assertThat(framer.feed(head, 0, head.length)).isEmpty();
        assertThat(framer.buffered()).isEqualTo(head.length);
        byte[] rest = "world".getBytes(UTF_8);
        assertThat(texts(framer.feed(rest, 0, rest.length)))
                .containsExactly("MESSAGE sip:a SIP/2.0\r\nContent-Length: 10\r\n\r\nhelloworld");
    }

    @Test
    void oversizedBodyIsRejectedBeforeBuffering() {
        byte[] bytes = "MESSAGE sip:a SIP/2.0\r\nContent-Length: 99999999999999999999\r\n\r\n".getBytes(UTF_8);
        assertThatThrownBy(() -> new StreamFramer(4096).feed(bytes, 0, bytes.length))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.TOO_LARGE));
        byte[] small = "MESSAGE sip:a SIP/2.0\r\nContent-Length: 1000\r\n\r\n".getBytes(UTF_8);
        assertThatThrownBy(() -> new StreamFramer(1000).feed(small, 0, small.length))
                .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.TOO_LARGE))
                .hasMessageContaining("exceeds the limit of 1000");
    }

    @Test
    void endlessHeaderSectionIsTooLarge() throws Exception {
        StreamFramer framer = new StreamFramer(1024);
        byte[] line = "X-Filler: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n".getBytes(UTF_8);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 1000; i++) {
                framer.feed(line, 0, line.length);
                assertThat(framer.buffered()).isLessThanOrEqualTo(1024 + line.length);
            }
        }).isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.TOO_LARGE))
                .hasMessageContaining("header section exceeds 1024");
    }

    @Test
    void messageExactlyAtTheLimitPasses() throws Exception {
        String head = "MESSAGE sip:a SIP/2.0\r\nContent-Length: 100\r\n\r\n";
        String msg = head + "x".repeat(100);
        byte[] bytes = msg.getBytes(UTF_8);
        assertThat(texts(new StreamFramer(bytes.length).feed(bytes, 0, bytes.length))).containsExactly(msg);
        assertThatThrownBy(() -> new StreamFramer(bytes.length - 1).feed(bytes, 0, bytes.length))
                .isInstanceOf(TransportException.class);
    }

    private static List<String> texts(List<byte[]> messages) {
        return messages.stream().map(b -> new String(b, UTF_8)).toList();
    }
}
