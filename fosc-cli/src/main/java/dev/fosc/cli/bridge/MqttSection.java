package dev.fosc.cli.bridge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fosc.bridge.MqttSettings;
import dev.fosc.cli.common.CliException;
import dev.fosc.cli.common.ErrorText;
import dev.fosc.cli.record.DurationConverter;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The optional {@code mqtt:} section of a cameras file, read by {@code fosc bridge}:
 * <pre>
 * mqtt:
 *   url: tcp://127.0.0.1:1883     # or ssl:// / mqtts:// for TLS (port 8883 by default)
 *   username: bridge              # optional
 *   password: ${MQTT_PASSWORD}    # optional; ${VAR} from the environment
 *   prefix: fosc                  # optional
 *   motion_off_after: 30s         # optional
 *   qos: 0                        # optional: 0 (default) or 1
 *   max_in_flight: 64             # optional: QoS 1 messages awaiting PUBACK at once
 *   ca_file: /etc/fosc/ca.pem     # optional, TLS only: CA certificates to trust instead of the JDK's
 * </pre>
 * Stateless; thread-safe. Errors name the file, the line and the key, never the password.
 */
public final class MqttSection {

    /** The section's name. */
    public static final String NAME = "mqtt";

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private MqttSection() {
    }

    /**
     * The settings of the {@code mqtt:} section of {@code file}, or {@code null} when it has none.
     *
     * @throws CliException exit 2 for an unknown key, a missing url, a bad value or a missing variable
     */
    public static MqttSettings read(Path file, Map<String, String> env) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser p = YAML.createParser(reader)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (NAME.equals(key)) {
                    return section(file, p, env);
                }
                p.skipChildren();
            }
            return null;
        } catch (JsonProcessingException e) {
            throw CliException.usage(file + ": malformed YAML: " + e.getOriginalMessage().split("\n")[0]);
        } catch (IOException e) {
            throw CliException.usage("the cameras file " + file + " cannot be read: " + ErrorText.fileReason(e));
        }
    }

    private static MqttSettings section(Path file, JsonParser p, Map<String, String> env) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw error(file, line, "mqtt", "must be a mapping (url:, username:, password:, prefix:, "
                    + "motion_off_after:, qos:, max_in_flight:, ca_file:)");
        }
        String url = null;
        String username = null;
        String password = null;
        String prefix = null;
        String motionOffAfter = null;
        String qos = null;
        String maxInFlight = null;
        String caFile = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            int at = p.currentTokenLocation().getLineNr();
            if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NUMBER_INT) {
                throw error(file, at, "mqtt." + field, "must be a string");
            }
            String text = expand(file, at, "mqtt." + field, p.getText().trim(), env);
            switch (field) {
                case "url" -> url = text;
                case "username" -> username = text;
                case "password" -> password = text;
                case "prefix" -> prefix = text;
                case "motion_off_after" -> motionOffAfter = text;
                case "qos" -> qos = text;
                case "max_in_flight" -> maxInFlight = text;
                case "ca_file" -> caFile = text;
                default -> throw error(file, at, "mqtt." + field, "unknown key (the mqtt section has: url, username,"
                        + " password, prefix, motion_off_after, qos, max_in_flight, ca_file)");
            }
        }
        if (url == null) {
            throw error(file, line, "mqtt", "missing 'url:' (such as tcp://127.0.0.1:1883)");
        }
        try {
            MqttSettings.Builder b = MqttSettings.builder(url);
            if (username != null) {
                b.credentials(username, password);
            }
            if (prefix != null) {
                b.prefix(prefix);
            }
            if (motionOffAfter != null) {
                b.motionOffAfter(new DurationConverter().convert(motionOffAfter));
            }
            if (qos != null) {
                b.qos(number("qos", qos));
            }
            if (maxInFlight != null) {
                b.maxInFlight(number("max_in_flight", maxInFlight));
            }
            if (caFile != null) {
                Path ca = Path.of(caFile);
                b.caFile(ca.isAbsolute() ? ca : file.toAbsolutePath().resolveSibling(ca));
            }
            return b.build();
        } catch (Exception e) {
            throw error(file, line, "mqtt", e.getMessage());
        }
    }

    private static int number(String key, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number: " + text);
        }
    }

    private static String expand(Path file, int line, String key, String text, Map<String, String> env) {
        Matcher m = VAR.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null) {
                throw error(file, line, key, "the environment variable " + m.group(1) + " is not set");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static CliException error(Path file, int line, String key, String message) {
        return CliException.usage(file + ":" + line + ": " + key + ": " + message);
    }
}
