package dev.fosc.cli.record;

import dev.fosc.cli.common.ErrorText;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where {@code fosc record} takes the camera password from: {@code --password}, else {@code --password-file}
 * (its first line), else the {@value #ENV} environment variable. The password is never printed; error messages
 * name the source, never the value. Stateless; thread-safe.
 */
public final class PasswordSource {

    /** The environment variable read when no option gives the password. */
    public static final String ENV = "FOSC_PASSWORD";

    private PasswordSource() {
    }

    /**
     * Resolves the password.
     *
     * @param option {@code --password}, or {@code null}
     * @param file {@code --password-file}, or {@code null}
     * @param env the environment
     * @throws IllegalArgumentException when no source gives one, both options are given, or the file cannot be
     *     read (the message says which; never the password)
     */
    public static String resolve(String option, Path file, Map<String, String> env) {
        if (option != null && file != null) {
            throw new IllegalArgumentException("give the password with --password or --password-file, not both");
        }
        if (option != null) {
            return option;
        }
        if (file != null) {
            try {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                int end = content.indexOf('\n');
                String line = end < 0 ? content : content.substring(0, end);
                return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            } catch (IOException e) {
                throw new IllegalArgumentException("the password file " + file + " cannot be read: "
                        + ErrorText.fileReason(e));
            }
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null) {
            return fromEnv;
        }
        throw new IllegalArgumentException("no password: give --password, --password-file or set " + ENV);
    }
}
