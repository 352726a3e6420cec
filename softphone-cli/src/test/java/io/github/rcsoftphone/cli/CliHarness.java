package io.github.rcsoftphone.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Runs the CLI in-process with captured output, a fake phone and a stop signal the test fires. */
final class CliHarness {
    static final Map<String, String> VALID_ENV = Map.of("SIP_INFO_DOMAIN", "sip.example",
            "SIP_INFO_OUTBOUND_PROXY", "sip.example:8443", "SIP_INFO_USERNAME", "16505550100",
            "SIP_INFO_PASSWORD", "secret", "SIP_INFO_AUTHORIZATION_ID", "800123");

    final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    final CopyOnWriteArrayList<FakePhone> phones = new CopyOnWriteArrayList<>();
    /** The SIP info each phone was created with. */
    final CopyOnWriteArrayList<io.github.rcsoftphone.SipInfo> sipInfos = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<Runnable> stopActions = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<Integer> finishedCodes = new CopyOnWriteArrayList<>();
    private final CliContext context;

    CliHarness(Map<String, String> env, Path workDir, Consumer<FakePhone> onRegister) {
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        context = new CliContext(env, workDir, out, err, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"),
                ZoneOffset.UTC), (info, tls, listener, userAgent, codecs) -> {
                    sipInfos.add(info);
                    FakePhone phone = new FakePhone(listener, onRegister);
                    phones.add(phone);
                    return phone;
                }, onStop -> {
                    stopActions.add(onStop);
                    return finishedCodes::add;
                });
    }

    CliContext context() {
        return context;
    }

    int run(String... args) {
        return Main.run(args, context);
    }

    void fireStop() {
        stopActions.forEach(Runnable::run);
    }

    String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }
}
