package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.DtmfOptions;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The option values several commands share, checked one way: {@code --codec}, {@code --dtmf}, {@code --play}, and
 * the file name a call's recording gets.
 */
public final class OptionValues {

    private OptionValues() {
    }

    /** {@code --codec}: null for the default preference (opus, PCMU, PCMA), else only that codec. */
    static List<String> codecs(String codec) throws ConfigurationException {
        if (codec == null) {
            return List.of("opus", "PCMU", "PCMA");
        }
        String c = codec.trim().toLowerCase(Locale.ROOT);
        return switch (c) {
            case "opus" -> List.of("opus");
            case "pcmu" -> List.of("PCMU");
            case "pcma" -> List.of("PCMA");
            default -> throw new ConfigurationException("unknown --codec '" + codec + "' (expected opus, PCMU or PCMA)");
        };
    }

    /** {@code --dtmf}: null (not given) or DTMF keys. */
    static String dtmf(String digits) throws ConfigurationException {
        try {
            return digits == null ? null : DtmfOptions.requireDigits(digits);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("--dtmf: " + e.getMessage());
        }
    }

    /** {@code --play}: null (not given), or the file resolved against the working directory, which must be readable. */
    static Path playFile(CliContext context, Path play) throws ConfigurationException {
        Path file = play == null ? null : context.workDir().resolve(play);
        if (file != null && !Files.isReadable(file)) {
            throw new ConfigurationException("cannot read --play file " + file);
        }
        return file;
    }

    /** Sends {@code digits} (if any) in {@code call}; a failure is reported on {@code err}. */
    static void sendDtmf(Call call, String digits, PrintStream err) {
        if (digits != null) {
            call.sendDtmf(digits).whenComplete((v, e) -> {
                if (e != null) {
                    err.println("softphone: call " + call.id() + ": DTMF not sent: "
                            + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
                }
            });
        }
    }

    /**
     * The recording's file name for a call: the Call-ID with anything but letters, digits, '.', '_' and '-' turned
     * into '_', plus {@code .wav}.
     */
    public static String recordingName(String callId) {
        return callId.replaceAll("[^A-Za-z0-9._-]", "_") + ".wav";
    }
}
