package io.github.rcsoftphone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command's {@code --help}: examples, the environment it reads and the documented exit codes. */
class HelpTextTest {

    @TempDir
    Path dir;

    private static List<CommandLine> commands(CommandLine root) {
        List<CommandLine> all = new ArrayList<>(List.of(root));
        root.getSubcommands().values().stream()
                .filter(c -> !(c.getCommandSpec().userObject() instanceof CommandLine.HelpCommand))
                .forEach(c -> all.addAll(commands(c)));
        return all;
    }

    private CliHarness cli() {
        return new CliHarness(CliHarness.VALID_ENV, dir, phone -> { });
    }

    private String help(String... args) {
        CliHarness cli = cli();
        assertThat(cli.run(args)).as(String.join(" ", args)).isZero();
        return cli.out();
    }

    @Test
    void everyCommandHasExamplesAndExitCodes() {
        List<CommandLine> commands = commands(Main.commandLine(cli().context()));
        assertThat(commands).extracting(c -> c.getCommandSpec().qualifiedName()).contains("softphone",
                "softphone register", "softphone answer");
        for (CommandLine command : commands) {
            String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            String name = command.getCommandSpec().qualifiedName();
            assertThat(usage).as(name).contains("\nExamples:\n  softphone ", "\nExit codes:\n  0   success\n");
            assertThat(usage.indexOf("Exit codes:")).as(name).isLessThan(usage.indexOf("Examples:"));
        }
    }

    @Test
    void commandsThatReadTheSipSettingsListTheEnvironmentAndEveryExitCode() {
        for (CommandLine command : commands(Main.commandLine(cli().context()))) {
            if (!(command.getCommandSpec().userObject() instanceof ReadsSipSettings
                    || command.getCommandSpec().userObject() instanceof SoftphoneCommand)) {
                continue;
            }
            String usage = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            String name = command.getCommandSpec().qualifiedName();
            assertThat(usage).as(name).contains("  1   any other failure", "  2   bad usage", "  3   bad credentials",
                    "  4   edge or RingCentral API unreachable", "  5   TLS failure");
            assertThat(usage).as(name).contains("\nEnvironment (also read from ./.env; the environment wins):\n");
            HelpSections.VARIABLES.keySet().forEach(v -> assertThat(usage).as(name).contains("  " + v + " "));
            assertThat(usage.indexOf("Environment")).as(name).isLessThan(usage.indexOf("Exit codes:"));
        }
        assertThat(new RegisterCommand()).isInstanceOf(ReadsSipSettings.class);
        assertThat(new AnswerCommand()).isInstanceOf(ReadsSipSettings.class);
    }

    @Test
    void theHelpCommandAndTheOptionAgree() {
        assertThat(help("help", "answer")).isEqualTo(help("answer", "--help"));
        assertThat(help("--help")).contains("softphone answer --record rec", "redrawn in place");
    }

    @Test
    void theViewOptionIsHidden() {
        assertThat(help("--help")).doesNotContain("--view");
        assertThat(help("register", "--help")).doesNotContain("--view");
    }

    @Test
    void exitCodesMatchTheConstants() {
        assertThat(ExitCodes.descriptions()).containsOnlyKeys("0", "1", "2", "3", "4", "5");
        assertThat(ExitCodes.descriptions().get(String.valueOf(ExitCodes.TLS))).startsWith("TLS failure");
        assertThat(ExitCodes.descriptions().get(String.valueOf(ExitCodes.BAD_CREDENTIALS))).startsWith("bad credentials");
        assertThat(ExitCodes.descriptions().get(String.valueOf(ExitCodes.UNREACHABLE))).contains("unreachable");
        assertThat(ExitCodes.descriptions().get(String.valueOf(ExitCodes.USAGE))).startsWith("bad usage");
    }
}
