package io.github.rcsoftphone.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.media.secure.SdesKeys;
import io.github.rcsoftphone.media.secure.SrtpProfile;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * No secret reaches a log line. Runs in its own surefire execution ({@code log-secrets} in this module's pom) whose
 * JVM logs every slf4j logger at TRACE into {@code target/log-secrets.log}; java.util.logging (the JDK, jitsi) is
 * captured at ALL too. Full calls through the embedded edge: registrations with digest over WSS and TLS, a WebRTC
 * call (WSS to WSS), an SDES call (TLS to TLS) and two SDES calls from a raw TCP caller whose keys and digest
 * response the test knows. Then every captured line is searched for the passwords, the digest response, the SDES
 * inline keys and the hex of the SRTP master keys and salts, and for any unredacted {@code response=} or
 * {@code inline:} value. The two raw calls also show that each call gets its own SRTP key.
 */
class LogSecretsTest {
    static final String LOG_FILE = "org.slf4j.simpleLogger.logFile";
    private static final Pattern RESPONSE = Pattern.compile("response=\"?(?!\\*\\*\\*)[0-9a-fA-F]{32,}");
    private static final Pattern INLINE = Pattern.compile("(?i)inline:(?!\\*\\*\\*)[A-Za-z0-9+/]{8,}");
    private static final Pattern ANSWER_KEY = Pattern.compile("a=crypto:\\d+ (\\S+) inline:([A-Za-z0-9+/=]+)");

    private final List<LocalEdge.Account> accounts = List.of(
            new LocalEdge.Account("802398804101", "16505550101", "Wss-Caller-Secret-7f3a"),
            new LocalEdge.Account("802398804102", "16505550102", "Wss-Callee-Secret-91bd"),
            new LocalEdge.Account("802398804103", "16505550103", "Tls-Caller-Secret-c24e"),
            new LocalEdge.Account("802398804104", "16505550104", "Tls-Callee-Secret-5d08"),
            new LocalEdge.Account("802398804105", "16505550105", "Raw-Caller-Secret-e6f1"));
    private final Set<String> secrets = new LinkedHashSet<>();
    private final List<String> julLines = new CopyOnWriteArrayList<>();

    @Test
    void fullCallsAtTraceLevelLogNoSecret() throws Exception {
        Assumptions.assumeTrue(System.getProperty(LOG_FILE) != null,
                "runs in the log-secrets surefire execution (TRACE into a file)");
        assertThat(org.slf4j.LoggerFactory.getLogger("io.github.rcsoftphone").isTraceEnabled()).isTrue();
        Handler jul = julCapture();
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        root.setLevel(Level.ALL);
        root.addHandler(jul);
        List<String> answeredKeys = new ArrayList<>();
        try {
            accounts.forEach(a -> secrets.add(a.password()));
            try (LocalEdge edge = LocalEdge.builder().accounts(accounts).build()) {
                edge.start();
                call(edge, accounts.get(0), accounts.get(1), TransportKind.WSS);   // WebRTC: ICE, DTLS-SRTP
                call(edge, accounts.get(2), accounts.get(3), TransportKind.TLS);   // SDES
                try (Softphone callee = LocalEdgeTransferTest.phone(edge, accounts.get(3), TransportKind.TLS,
                        new CopyOnWriteArrayList<>(), Call::answer)) {
                    answeredKeys.add(rawSdesCall(edge, accounts.get(3), 1));
                    answeredKeys.add(rawSdesCall(edge, accounts.get(3), 2));
                }
            }
        } finally {
            root.removeHandler(jul);
            root.setLevel(before);
        }
        assertThat(answeredKeys.get(0)).as("each SDES call gets its own SRTP key").isNotEqualTo(answeredKeys.get(1));

        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of(System.getProperty(LOG_FILE)),
                StandardCharsets.UTF_8));
        lines.addAll(julLines);
        String all = String.join("\n", lines);
        // the secrets were there to leak: the wire was logged, redacted
        assertThat(all).contains("REGISTER sip:", "Authorization: Digest", "response=\"***\"", "inline:***",
                "a=fingerprint:", " DEBUG ");
        System.out.printf("searched %d log lines (%d from java.util.logging) for %d secrets%n", lines.size(),
                julLines.size(), secrets.size());
        for (String secret : secrets) {
            assertThat(lines).as("a log line holding secret %s", secret).noneMatch(l -> l.contains(secret));
        }
        assertThat(lines).as("an unredacted digest response").noneMatch(l -> RESPONSE.matcher(l).find());
        assertThat(lines).as("an unredacted SDES key").noneMatch(l -> INLINE.matcher(l).find());
    }

    /** {@code from} calls {@code to}, both registered over {@code kind}; media flows, then {@code from} hangs up. */
    private static void call(LocalEdge edge, LocalEdge.Account from, LocalEdge.Account to, TransportKind kind)
            throws Exception {
        List<SoftphoneEvent> events = new CopyOnWriteArrayList<>();
        List<Call> answered = new CopyOnWriteArrayList<>();
        try (Softphone callee = LocalEdgeTransferTest.phone(edge, to, kind, events, c -> {
                answered.add(c);
                c.answer();
            });
             Softphone caller = LocalEdgeTransferTest.phone(edge, from, kind, events, c -> { })) {
            Call call = caller.call(to.username());
            call.answered().get(20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> call.stats().packetsReceived() > 10
                    && !answered.isEmpty() && answered.get(0).stats().packetsReceived() > 10);
            call.hangup();
            answered.get(0).ended().get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * A raw TCP caller with its own SDES offer (keys known to the test) calls {@code callee}; returns the inline key
     * the phone answered with. Both sides' keys, their hex, and the caller's digest response become secrets.
     */
    private String rawSdesCall(LocalEdge edge, LocalEdge.Account callee, int n) throws Exception {
        LocalEdge.Account me = accounts.get(4);
        String domain = edge.domain();
        String target = "sip:" + callee.username() + "@" + domain;
        try (RawSipClient raw = new RawSipClient(edge.port(TransportKind.TCP));
             DatagramSocket media = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            StringBuilder sdp = new StringBuilder("v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n"
                    + "m=audio " + media.getLocalPort() + " RTP/SAVP 0\na=rtpmap:0 PCMU/8000\na=sendrecv\n");
            for (SdesKeys.CryptoOffer c : SdesKeys.offer()) {
                sdp.append("a=crypto:").append(c.tag()).append(' ').append(c.suite()).append(" inline:")
                        .append(SdesKeys.inline(c.keySalt())).append('\n');
                addKeySecrets(c.suite(), c.keySalt());
            }
            String callId = "raw-sdes-" + n + "@test";
            String head = " SIP/2.0\nMax-Forwards: 70\nFrom: <sip:" + me.username() + "@" + domain + ">;tag=r" + n
                    + "\nTo: <" + target + ">\nCall-ID: " + callId + "\n";
            String contact = "Contact: <sip:" + me.username() + "@127.0.0.1:" + raw.localPort() + ";transport=tcp>\n";
            String via = raw.via();
            raw.send("INVITE " + target + head.replace("\nMax", "\nVia: " + via + "\nMax") + "CSeq: 1 INVITE\n"
                    + contact + "Content-Type: application/sdp\n\n" + sdp);
            SipResponse challenge = raw.response();
            assertThat(challenge.statusCode()).isEqualTo(407);
            raw.send("ACK " + target + " SIP/2.0\nVia: " + via + "\nMax-Forwards: 70\nFrom: <sip:" + me.username()
                    + "@" + domain + ">;tag=r" + n + "\nTo: " + challenge.header("To").orElseThrow() + "\nCall-ID: "
                    + callId + "\nCSeq: 1 ACK\n\n");
            String auth = RawSipClient.proxyAuthorization(challenge, me, "INVITE", target);
            Matcher response = Pattern.compile("response=\"([0-9a-f]+)\"").matcher(auth);
            assertThat(response.find()).isTrue();
            secrets.add(response.group(1));
            raw.send("INVITE " + target + head.replace("\nMax", "\nVia: " + raw.via() + "\nMax") + "CSeq: 2 INVITE\n"
                    + contact + "Proxy-Authorization: " + auth + "\nContent-Type: application/sdp\n\n" + sdp);
            SipResponse ok = raw.response();
            while (ok.statusCode() < 200) {
                ok = raw.response();
            }
            assertThat(ok.statusCode()).isEqualTo(200);
            Matcher answer = ANSWER_KEY.matcher(ok.bodyText());
            assertThat(answer.find()).as(ok.bodyText()).isTrue();
            addKeySecrets(answer.group(1), Base64.getDecoder().decode(answer.group(2)));
            List<String> routes = ok.headers().values("Record-Route");
            String remote = io.github.rcsoftphone.sip.message.NameAddr.parse(ok.header("Contact").orElseThrow()).uri()
                    .toString();
            String dialog = " SIP/2.0\nVia: %s\nMax-Forwards: 70\nRoute: " + routes.get(1) + "\nRoute: "
                    + routes.get(0) + "\nFrom: <sip:" + me.username() + "@" + domain + ">;tag=r" + n + "\nTo: "
                    + ok.header("To").orElseThrow() + "\nCall-ID: " + ok.callId() + "\n";
            raw.send("ACK " + remote + dialog.formatted(raw.via()) + "CSeq: 2 ACK\n\n");
            raw.send("BYE " + remote + dialog.formatted(raw.via()) + "CSeq: 3 BYE\n\n");
            SipResponse byeOk = raw.response();
            while (byeOk.cseq().method().equals("INVITE")) {
                byeOk = raw.response();   // a 200 retransmitted before our ACK arrived
            }
            assertThat(byeOk.statusCode()).isEqualTo(200);
            return answer.group(2);
        }
    }

    /** The base64 inline value, and the hex and base64 of the master key and of the master salt. */
    private void addKeySecrets(String suite, byte[] keySalt) {
        SrtpProfile profile = SdesKeys.profileOf(suite);
        byte[] key = Arrays.copyOf(keySalt, profile.keyLength());
        byte[] salt = Arrays.copyOfRange(keySalt, profile.keyLength(), keySalt.length);
        secrets.add(SdesKeys.inline(keySalt).replace("=", ""));
        for (byte[] part : List.of(key, salt)) {
            secrets.add(HexFormat.of().formatHex(part));
            secrets.add(HexFormat.of().withUpperCase().formatHex(part));
            secrets.add(Base64.getEncoder().withoutPadding().encodeToString(part));
        }
    }

    private Handler julCapture() {
        return new Handler() {
            @Override
            public void publish(LogRecord r) {
                String message = r.getMessage();
                if (r.getParameters() != null && message != null) {
                    try {
                        message = java.text.MessageFormat.format(message, r.getParameters());
                    } catch (IllegalArgumentException e) {
                        message = message + " " + Arrays.toString(r.getParameters());
                    }
                }
                julLines.add(r.getLevel() + " " + r.getLoggerName() + " - " + message
                        + (r.getThrown() == null ? "" : " " + r.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }
}
