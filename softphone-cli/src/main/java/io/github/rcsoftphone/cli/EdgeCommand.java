package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.edge.LocalEdge;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code softphone edge [--accounts N] [--domain D]}: runs the embedded local SIP edge. */
@Command(name = "edge", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Runs a local SIP edge (registrar + proxy) for testing without RingCentral.",
        description = {
            "Listens on free loopback ports (WS, WSS, TCP, TLS) and prints, for each",
            "account, the SIP_INFO_* lines for WSS and for TLS, plus SOFTPHONE_TRUST_CA",
            "(the edge's CA, deleted on exit). Phones registered to it can call each",
            "other by number. Runs until Ctrl-C, SIGTERM or the end of standard input."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  softphone edge                      one account",
            "  softphone edge --accounts 2 > edge.env   two accounts, settings in a file"},
        exitCodeListHeading = ExitCodes.HEADING,
        exitCodeList = {ExitCodes.LIST_0, ExitCodes.LIST_1, ExitCodes.LIST_2})
public final class EdgeCommand implements Callable<Integer> {

    @ParentCommand
    private SoftphoneCommand parent;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "1", description = "Accounts to create (default 1).")
    private int accounts;

    @Option(names = "--domain", paramLabel = "D", defaultValue = LocalEdge.DEFAULT_DOMAIN,
            description = "SIP domain and digest realm (default ${DEFAULT-VALUE}).")
    private String domain;

    @Override
    public Integer call() throws IOException, InterruptedException {
        CliContext context = parent.context();
        if (accounts < 1 || accounts > 10_000) {
            context.err().println("softphone: --accounts must be between 1 and 10000");
            return ExitCodes.USAGE;
        }
        List<LocalEdge.Account> list = LocalEdge.Account.generate(accounts);
        CountDownLatch stop = new CountDownLatch(1);
        StopSignal.Subscription subscription = context.stopSignal().subscribe(stop::countDown);
        try (LocalEdge edge = LocalEdge.builder().domain(domain).accounts(list).build()) {
            edge.start();
            print(context.out(), edge, list);
            Thread stdin = new Thread(() -> awaitEof(System.in, stop), "softphone-cli-stdin");
            stdin.setDaemon(true);
            stdin.start();
            stop.await();
            context.err().println("softphone: edge stopped: " + edge.stats());
        } finally {
            subscription.finished(ExitCodes.OK);
        }
        return ExitCodes.OK;
    }

    static void print(PrintStream out, LocalEdge edge, List<LocalEdge.Account> list) {
        out.println("# local SIP edge for " + edge.domain() + ": WS " + edge.port(TransportKind.WS) + ", WSS "
                + edge.port(TransportKind.WSS) + ", TCP " + edge.port(TransportKind.TCP) + ", TLS "
                + edge.port(TransportKind.TLS));
        out.println("SOFTPHONE_TRUST_CA=" + edge.caPem());
        for (LocalEdge.Account a : list) {
            for (TransportKind kind : List.of(TransportKind.WSS, TransportKind.TLS)) {
                SipInfo info = edge.sipInfo(a, kind);
                out.println("# account " + a.username() + " over " + kind);
                out.println("SIP_INFO_DOMAIN=" + info.domain());
                out.println("SIP_INFO_OUTBOUND_PROXY=" + info.outboundProxy());
                out.println("SIP_INFO_USERNAME=" + info.username());
                out.println("SIP_INFO_PASSWORD=" + info.password());
                out.println("SIP_INFO_AUTHORIZATION_ID=" + info.authorizationId());
                out.println("SIP_INFO_TRANSPORT=" + kind);
            }
        }
        out.flush();
    }

    private static void awaitEof(InputStream in, CountDownLatch stop) {
        byte[] buf = new byte[256];
        try {
            while (in.read(buf) >= 0) {
                // input is ignored; only its end matters
            }
        } catch (IOException e) {
            // treated as the end
        }
        stop.countDown();
    }
}
