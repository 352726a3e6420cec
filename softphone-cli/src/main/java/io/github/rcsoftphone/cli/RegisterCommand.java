package io.github.rcsoftphone.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code softphone register [--once]}: registers and keeps the registration fresh. */
@Command(name = "register", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        header = "Registers with the SIP edge and stays registered.",
        description = {
            "Keeps the registration fresh and prints every event.",
            "Runs until Ctrl-C or SIGTERM, then un-registers and",
            "exits 0; with --once exits after the first successful registration.",
            "A failure prints one line to stderr:",
            "  softphone: registration failed: <reason>: <detail>"},
        footerHeading = "%nExamples:%n",
        footer = {
            "  softphone register --once             check the credentials in ./.env",
            "  softphone register --json             stay registered; JSON events",
            "  softphone register --once --verbose   show the REGISTER exchange"})
public final class RegisterCommand implements Callable<Integer>, ReadsSipSettings {

    @ParentCommand
    private SoftphoneCommand parent;

    @Option(names = "--once", description = "Exit 0 after the first successful registration.")
    private boolean once;

    @Override
    public Integer call() {
        return new RegisterRun(parent.context(), parent.json(), once).run();
    }
}
