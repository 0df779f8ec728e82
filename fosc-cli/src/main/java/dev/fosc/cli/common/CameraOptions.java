package dev.fosc.cli.common;

import dev.fosc.cli.record.PasswordSource;
import dev.fosc.cli.record.ProfileConverter;
import dev.fosc.client.FoscCameraProfile;
import dev.fosc.client.FoscSessionOptions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/**
 * The camera options every camera command shares ({@code @Mixin CameraOptions camera;}): {@code --host},
 * {@code --port} (88), {@code --user} (admin), {@code --password} or {@code --password-file} or the
 * {@value PasswordSource#ENV} variable, and {@code --profile} (auto). Not thread-safe: picocli fills it, the
 * command reads it on its own thread.
 */
public final class CameraOptions {

    @Option(names = "--host", paramLabel = "HOST", description = "Camera host name or address.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Camera port (default: 88).")
    int port = FoscSessionOptions.DEFAULT_PORT;

    @Option(names = "--user", paramLabel = "USER", description = "Camera user (default: admin).")
    String user = "admin";

    @Option(names = "--password", paramLabel = "PASSWORD", arity = "1",
            description = "Camera password (prefer --password-file or the FOSC_PASSWORD variable; never echoed).")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File whose first line is the password.")
    Path passwordFile;

    @Option(names = "--profile", paramLabel = "PROFILE", converter = ProfileConverter.class,
            description = "Camera model: " + ProfileConverter.NAMES + " (default: auto, which learns the model's"
                    + " quirks from the camera's answers).")
    FoscCameraProfile profile = FoscSessionOptions.DEFAULT_PROFILE;

    /** Whether {@code --host} was given. */
    public boolean hasHost() {
        return host != null;
    }

    /** The profile given (auto by default). */
    public FoscCameraProfile profile() {
        return profile;
    }

    /**
     * The camera these options name, its password resolved.
     *
     * @throws CliException exit {@value ExitCodes#USAGE} without {@code --host}, with a bad port, or when no
     *     password source gives one (the message names the source, never the password)
     */
    public CameraTarget target(Map<String, String> env) {
        if (host == null || host.isBlank()) {
            throw CliException.usage("missing required option: '--host=HOST'");
        }
        if (port < 1 || port > 65535) {
            throw CliException.usage("--port must be between 1 and 65535: " + port);
        }
        String secret;
        try {
            secret = PasswordSource.resolve(password, passwordFile, env);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        String name = port == FoscSessionOptions.DEFAULT_PORT ? host : host + ":" + port;
        return new CameraTarget(name, host.trim(), port, user, secret, profile);
    }
}
