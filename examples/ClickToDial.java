import com.sun.net.httpserver.HttpServer;
import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A click-to-dial back end: an HTTP endpoint on 127.0.0.1 that places a call when a page asks,
 * plays a WAV file (or nothing) and reports the call's id. Reads SIP_INFO_* from the environment.
 *
 *   java -cp softphone-cli/target/softphone.jar examples/ClickToDial.java [PORT] [message.wav]
 *   curl -X POST 'http://127.0.0.1:8089/call?to=%2B16505550100'
 */
public class ClickToDial {
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        Path message = args.length > 1 ? Path.of(args[1]) : null;
        Softphone phone = Softphone.builder()
                .sipInfo(SipInfo.fromEnv(System.getenv()))
                .tls(TlsSettings.fromEnv(System.getenv()))
                .build();
        phone.register().join();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        http.createContext("/call", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            String to = query == null || !query.startsWith("to=") ? ""
                    : URLDecoder.decode(query.substring(3), StandardCharsets.UTF_8);
            int status;
            String body;
            if (!"POST".equals(exchange.getRequestMethod()) || to.isBlank()) {
                status = 400;
                body = "use POST /call?to=NUMBER\n";
            } else {
                Call call = phone.call(to);
                if (message != null) {
                    call.play(message);
                }
                call.ended().thenAccept(end -> System.out.println("call " + call.id() + " ended: " + end.reason()));
                status = 202;
                body = call.id() + "\n";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        http.start();
        System.out.println("registered; POST http://127.0.0.1:" + http.getAddress().getPort() + "/call?to=NUMBER");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.stop(0);
            phone.close();
        }));
    }
}
