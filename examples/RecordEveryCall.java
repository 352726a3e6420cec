import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A call recorder: answers every call and records the caller to recordings/<call-id>.wav until Ctrl-C.
 * Reads SIP_INFO_* (and SOFTPHONE_TRUST_CA) from the environment.
 *
 *   java -cp softphone-cli/target/softphone.jar examples/RecordEveryCall.java [DIR]
 */
public class RecordEveryCall {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "recordings"));
        Softphone phone = Softphone.builder()
                .sipInfo(SipInfo.fromEnv(System.getenv()))
                .tls(TlsSettings.fromEnv(System.getenv()))
                .listener(event -> {
                    if (event instanceof SoftphoneEvent.Ended e) {
                        System.out.println("recorded " + dir.resolve(file(e.callId())) + ": " + e.stats());
                    }
                })
                .onIncomingCall(call -> {
                    try {
                        call.record(dir.resolve(file(call.id())));
                        call.answer();
                        System.out.println("answered " + call.remoteNumber());
                    } catch (Exception e) {
                        call.decline();
                    }
                })
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(phone::close));
        phone.register().join();
        System.out.println("registered; recording every call into " + dir.toAbsolutePath());
        new java.util.concurrent.CountDownLatch(1).await(); // until Ctrl-C
    }

    private static String file(String callId) {
        return callId.replaceAll("[^A-Za-z0-9._-]", "_") + ".wav";
    }
}
