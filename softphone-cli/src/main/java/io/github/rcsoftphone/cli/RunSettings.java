package io.github.rcsoftphone.cli;

import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.cli.config.Configuration;
import io.github.rcsoftphone.cli.config.DotEnvException;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The validated configuration a command runs with, read from the environment merged with {@code ./.env}.
 *
 * @param sipInfo the device's SIP credentials
 * @param tls how the server certificate is checked; a relative CA path is resolved against the working directory
 */
public record RunSettings(SipInfo sipInfo, TlsSettings tls) {

    /**
     * Loads and checks the settings for {@code context}.
     *
     * @throws ConfigurationException naming what is missing or wrong
     */
    public static RunSettings load(CliContext context) throws ConfigurationException {
        Path dotEnv = context.workDir().resolve(Configuration.DOT_ENV);
        Map<String, String> config;
        try {
            config = Configuration.load(context.env(), context.workDir());
        } catch (DotEnvException e) {
            throw new ConfigurationException(e.getMessage());
        }
        SipInfo sipInfo;
        try {
            sipInfo = SipInfo.fromEnv(config);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            throw new ConfigurationException(message.startsWith("missing")
                    ? message + " (set them in the environment or in " + dotEnv + ")"
                    : "invalid configuration: " + message);
        }
        return new RunSettings(sipInfo, tls(config, context.workDir()));
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
