package io.github.rcsoftphone.interop.kamailio;

import io.github.rcsoftphone.sip.transport.TransportKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code scripts/with-test-edge CMD...}: starts a local Kamailio edge that behaves like RingCentral's (digest with an
 * authorization id, WS/WSS/TLS, capped expiry), runs CMD with {@code SIP_INFO_*} and {@code SOFTPHONE_TRUST_CA} set
 * for it, stops Kamailio and exits with CMD's status. {@code SIP_INFO_TRANSPORT} (default WSS) picks the port.
 * {@code TEST_EDGE_MEDIA=1} also starts rtpengine and routes calls' media through it ({@code TEST_EDGE_CODECS}:
 * {@code OPUS_AND_PCMU}, {@code OPUS} or {@code PCMU} for WebSocket callees); CMD gets {@code TEST_EDGE_KAMAILIO_LOG}.
 * Meant to run inside a private network namespace (the script makes one).
 */
public final class TestEdge {
    private TestEdge() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: scripts/with-test-edge COMMAND [ARGS...]");
            System.exit(2);
        }
        TransportKind kind = TransportKind.parse(System.getenv().getOrDefault("SIP_INFO_TRANSPORT", "WSS"));
        int status;
        boolean media = "1".equals(System.getenv("TEST_EDGE_MEDIA"));
        KamailioOptions options = KamailioOptions.builder().calleeCodecs(KamailioOptions.CalleeCodecs.valueOf(
                System.getenv().getOrDefault("TEST_EDGE_CODECS", "OPUS_AND_PCMU"))).build();
        try (io.github.rcsoftphone.interop.rtpengine.RtpEngine rtp = media
                ? io.github.rcsoftphone.interop.rtpengine.RtpEngine.start(
                        io.github.rcsoftphone.interop.rtpengine.RtpEngine.Options.defaults()) : null;
                KamailioServer server = KamailioServer.start(
                        media ? options.toBuilder().rtpengine(rtp.ngSocket()).build() : options)) {
            KamailioOptions.Account account = server.options().account();
            System.err.printf("test edge: Kamailio on %s (WS %d, WSS %d, TLS %d), domain %s, user %s, auth id %s%n",
                    server.host(), server.wsPort(), server.wssPort(), server.tlsPort(), server.domain(),
                    account.sipUser(), account.authId());
            ProcessBuilder pb = new ProcessBuilder(List.of(args)).inheritIO().directory(Path.of("").toAbsolutePath().toFile());
            Map<String, String> env = pb.environment();
            env.put("SIP_INFO_DOMAIN", server.domain());
            env.put("SIP_INFO_OUTBOUND_PROXY", server.outboundProxy(kind));
            env.put("SIP_INFO_USERNAME", account.sipUser());
            env.put("SIP_INFO_PASSWORD", account.password());
            env.put("SIP_INFO_AUTHORIZATION_ID", account.authId());
            env.put("SIP_INFO_TRANSPORT", kind.name());
            env.put("SOFTPHONE_TRUST_CA", server.caCertificate().toString());
            env.put("TEST_EDGE_KAMAILIO_LOG", server.log().toString());
            if (media) {
                System.err.printf("test edge: rtpengine %s, WebSocket callees offered %s%n", rtp.ngSocket(),
                        options.calleeCodecs());
            }
            Process p = pb.start();
            status = p.waitFor();
        }
        System.exit(status);
    }
}
