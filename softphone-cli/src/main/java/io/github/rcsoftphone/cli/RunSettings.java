package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.cli.config.Configuration;
import io.github.rcsoftphone.cli.config.DotEnvException;
import io.github.rcsoftphone.cli.output.PlainEventPrinter;
import io.github.rcsoftphone.rc.provision.ProvisioningException;
import io.github.rcsoftphone.rc.provision.RestCredentials;
import io.github.rcsoftphone.rc.provision.SipProvisioning;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The validated configuration a command runs with, read from the environment merged with {@code ./.env}. The SIP
 * credentials come from the {@code SIP_INFO_*} variables or, when none of those is set, are provisioned over REST
 * from the four {@code RINGCENTRAL_*} variables.
 *
 * @param sipInfo the device's SIP credentials
 * @param tls how the server certificate is checked; a relative CA path is resolved against the working directory
 */
public record RunSettings(SipInfo sipInfo, TlsSettings tls) {

    /** How long each REST request of provisioning may take. */
    static final Duration PROVISIONING_TIMEOUT = Duration.ofSeconds(15);

    private static final List<String> SIP_INFO_REQUIRED = List.of("SIP_INFO_DOMAIN", "SIP_INFO_OUTBOUND_PROXY",
            "SIP_INFO_USERNAME", "SIP_INFO_PASSWORD");

    /**
     * Loads and checks the settings for {@code context}, provisioning over REST when configured so.
     *
     * @throws ConfigurationException naming what is missing or wrong, or saying why provisioning failed (with
     *     exit code 3, 4 or 1)
     */
    public static RunSettings load(CliContext context) throws ConfigurationException {
        Path dotEnv = context.workDir().resolve(Configuration.DOT_ENV);
        Map<String, String> config;
        try {
            config = Configuration.load(context.env(), context.workDir());
        } catch (DotEnvException e) {
            throw new ConfigurationException(e.getMessage());
        }
        Optional<RestCredentials> rest = noSipInfo(config) ? restCredentials(config) : Optional.empty();
        if (rest.isPresent()) {
            TlsSettings tls = tls(config, context.workDir());
            return new RunSettings(provision(rest.get(), config), tls);
        }
        SipInfo sipInfo;
        try {
            sipInfo = SipInfo.fromEnv(config);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            throw new ConfigurationException(message.startsWith("missing")
                    ? message + " (set them, or RINGCENTRAL_SERVER_URL, RINGCENTRAL_CLIENT_ID, RINGCENTRAL_CLIENT_SECRET"
                            + " and RINGCENTRAL_JWT_TOKEN, in the environment or in " + dotEnv + ")"
                    : "invalid configuration: " + message);
        }
        return new RunSettings(sipInfo, tls(config, context.workDir()));
    }

    private static boolean noSipInfo(Map<String, String> config) {
        return SIP_INFO_REQUIRED.stream().allMatch(name -> config.get(name) == null || config.get(name).isBlank());
    }

    private static Optional<RestCredentials> restCredentials(Map<String, String> config)
            throws ConfigurationException {
        try {
            return RestCredentials.fromEnv(config);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("invalid configuration: " + e.getMessage());
        }
    }

    /** Provisions with a fresh HTTP client that is forgotten afterwards (JDK 17's client has no close()). */
    private static SipInfo provision(RestCredentials creds, Map<String, String> config)
            throws ConfigurationException {
        TransportKind transport;
        try {
            String t = config.getOrDefault("SIP_INFO_TRANSPORT", "");
            transport = TransportKind.parse(t.isBlank() ? "WSS" : t);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("invalid configuration: SIP_INFO_TRANSPORT: " + e.getMessage());
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(PROVISIONING_TIMEOUT).build();
        try {
            return new SipProvisioning(http, PROVISIONING_TIMEOUT).provision(creds, transport);
        } catch (ProvisioningException e) {
            throw new ConfigurationException("provisioning failed: " + e.kind().name().toLowerCase(Locale.ROOT) + ": "
                    + PlainEventPrinter.oneLine(e.getMessage()), exitCode(e.kind()));
        }
    }

    /** 3 for refused credentials, 4 for an unreachable API, 1 otherwise. */
    static int exitCode(ProvisioningException.Kind kind) {
        return switch (kind) {
            case BAD_CREDENTIALS, FORBIDDEN -> ExitCodes.BAD_CREDENTIALS;
            case UNREACHABLE -> ExitCodes.UNREACHABLE;
            default -> ExitCodes.ERROR;
        };
    }

    private static TlsSettings tls(Map<String, String> config, Path workDir) throws ConfigurationException {
        TlsSettings tls = TlsSettings.fromEnv(config);
        if (tls.extraCaPem() == null) {
            return tls;
        }
        Path pem = workDir.resolve(tls.extraCaPem());
        if (!Files.isReadable(pem) || Files.isDirectory(pem)) {
            throw new ConfigurationException("SOFTPHONE_TRUST_CA: cannot read " + pem);
        }
        return new TlsSettings(pem, tls.insecure());
    }
}
