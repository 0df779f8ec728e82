package dev.fosc.cli.bridge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.fosc.bridge.MqttSettings;
import dev.fosc.cli.common.CliException;
import dev.fosc.cli.record.DurationConverter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

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


    private MqttSection() {
    }

    /**
     * The settings of the {@code mqtt:} section of {@code file}, or {@code null} when it has none.
     *
     * @throws CliException exit 2 for an unknown key, a missing url, a bad value or a missing variable
     */
    public static MqttSettings read(Path file, Map<String, String> env) {
        return YamlSections.read(file, NAME, null, p -> section(file, p, env));
    }

    private static MqttSettings section(Path file, JsonParser p, Map<String, String> env) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw YamlSections.error(file, line, "mqtt", "must be a mapping (url:, username:, password:, prefix:, "
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
                throw YamlSections.error(file, at, "mqtt." + field, "must be a string");
            }
            String text = YamlSections.expand(file, at, "mqtt." + field, p.getText().trim(), env);
            switch (field) {
                case "url" -> url = text;
                case "username" -> username = text;
                case "password" -> password = text;
                case "prefix" -> prefix = text;
                case "motion_off_after" -> motionOffAfter = text;
                case "qos" -> qos = text;
                case "max_in_flight" -> maxInFlight = text;
                case "ca_file" -> caFile = text;
                default -> throw YamlSections.error(file, at, "mqtt." + field, "unknown key (the mqtt section has: url, username,"
                        + " password, prefix, motion_off_after, qos, max_in_flight, ca_file)");
            }
        }
        if (url == null) {
            throw YamlSections.error(file, line, "mqtt", "missing 'url:' (such as tcp://127.0.0.1:1883)");
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
            throw YamlSections.error(file, line, "mqtt", e.getMessage());
        }
    }

    private static int number(String key, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number: " + text);
        }
    }


}
