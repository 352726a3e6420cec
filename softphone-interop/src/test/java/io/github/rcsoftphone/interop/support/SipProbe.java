package io.github.rcsoftphone.interop.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** A one-shot SIP OPTIONS over TCP, to see that a server's SIP stack (not just its listening socket) answers. */
public final class SipProbe {

    private SipProbe() {
    }

    /** The status line of the answer to an OPTIONS sent to {@code host:port} over TCP, or null on any failure. */
    public static String optionsOverTcp(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            s.setSoTimeout(1000);
            long id = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
            int local = s.getLocalPort();
            String request = "OPTIONS sip:" + host + ":" + port + ";transport=tcp SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP " + host + ":" + local + ";branch=z9hG4bKprobe" + id + ";rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:probe@" + host + ">;tag=p" + id + "\r\n"
                    + "To: <sip:" + host + ":" + port + ">\r\n"
                    + "Call-ID: probe-" + id + "\r\n"
                    + "CSeq: 1 OPTIONS\r\n"
                    + "Content-Length: 0\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
