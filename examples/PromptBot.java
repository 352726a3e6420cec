import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A voice bot: answers, plays a prompt (a WAV file, or a short beep), collects the caller's key presses until '#',
 * says which digits it got, and hangs up. Reads SIP_INFO_* (and SOFTPHONE_TRUST_CA) from the environment.
 *
 *   java -cp softphone-cli/target/softphone.jar examples/PromptBot.java [prompt.wav]
 */
public class PromptBot {
    public static void main(String[] args) throws Exception {
        Softphone phone = Softphone.builder()
                .sipInfo(SipInfo.fromEnv(System.getenv()))
                .tls(TlsSettings.fromEnv(System.getenv()))
                .build();
        phone.onIncomingCall(call -> serve(call, args.length > 0 ? Path.of(args[0]) : null));
        Runtime.getRuntime().addShutdownHook(new Thread(phone::close));
        phone.register().join();
        System.out.println("registered; waiting for callers");
        new java.util.concurrent.CountDownLatch(1).await(); // until Ctrl-C
    }

    private static void serve(Call call, Path prompt) {
        StringBuilder digits = new StringBuilder();
        call.onDtmf(digit -> {
            if (digit == '#') {
                System.out.println("caller " + call.remoteNumber() + " entered " + digits);
                call.hangup();
            } else {
                digits.append(digit);
            }
        });
        call.answer().thenRun(() -> {
            try {
                if (prompt != null) {
                    call.play(prompt);
                } else {
                    call.play(new ToneSource(880, 8000, 0.3, Duration.ofMillis(400)));
                }
            } catch (Exception e) {
                System.err.println("cannot play the prompt: " + e.getMessage());
            }
        });
    }
}
