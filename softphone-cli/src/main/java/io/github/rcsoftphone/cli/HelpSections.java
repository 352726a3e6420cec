package io.github.rcsoftphone.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The help sections commands share: the environment variables they read and their exit codes. Installed on the
 * whole command tree, so a new subcommand gets them without repeating them; a command that declares its own
 * {@code exitCodeList} keeps it.
 */
final class HelpSections {

    /** The key of the environment section in picocli's section map. */
    static final String ENVIRONMENT = "environment";

    static final String ENVIRONMENT_HEADING = "%nEnvironment (also read from ./.env; the environment wins):%n";

    /** Variable name to meaning, in the order shown. */
    static final Map<String, String> VARIABLES = variables();

    private HelpSections() {
    }

    /**
     * Adds the sections to {@code root} and every command below it (except the {@code help} command): the exit
     * codes where a command lists none, the environment to the top command and to each {@link ReadsSipSettings}.
     */
    static void install(CommandLine root) {
        install(root, true);
    }

    private static void install(CommandLine command, boolean top) {
        Object userObject = command.getCommandSpec().userObject();
        if (userObject instanceof CommandLine.HelpCommand) {
            return;
        }
        UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        if (usage.exitCodeList().isEmpty()) {
            usage.exitCodeListHeading(ExitCodes.HEADING).exitCodeList(ExitCodes.descriptions());
        }
        if (top || userObject instanceof ReadsSipSettings) {
            usage.sectionMap().put(ENVIRONMENT, help -> help.createHeading(ENVIRONMENT_HEADING)
                    + help.createTextTable(VARIABLES).toString());
            List<String> keys = new ArrayList<>(usage.sectionKeys());
            if (!keys.contains(ENVIRONMENT)) {
                keys.add(keys.indexOf(UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST_HEADING), ENVIRONMENT);
                usage.sectionKeys(keys);
            }
        }
        command.getSubcommands().values().forEach(c -> install(c, false));
    }

    private static Map<String, String> variables() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("SIP_INFO_DOMAIN", "SIP domain and digest realm");
        v.put("SIP_INFO_OUTBOUND_PROXY", "host:port of the SIP edge");
        v.put("SIP_INFO_USERNAME", "the device's SIP user (a phone number on RingCentral)");
        v.put("SIP_INFO_PASSWORD", "SIP password");
        v.put("SIP_INFO_AUTHORIZATION_ID", "digest user name");
        v.put("SIP_INFO_TRANSPORT", "WSS (default), TLS, WS or TCP");
        v.put("SOFTPHONE_TRUST_CA", "PEM file of extra trusted CAs");
        v.put("SOFTPHONE_INSECURE_TLS", "true: no certificate checks (testing only)");
        v.put("RINGCENTRAL_SERVER_URL", "RingCentral API base URL");
        v.put("RINGCENTRAL_CLIENT_ID", "the app's client id");
        v.put("RINGCENTRAL_CLIENT_SECRET", "the app's client secret");
        v.put("RINGCENTRAL_JWT_TOKEN", "a JWT credential. When no SIP_INFO_* is set, these four"
                + " fetch the SIP info from RingCentral (sip-provision)");
        v.put("TERM", "a terminal (not dumb) gets the live status view");
        return v;
    }
}
