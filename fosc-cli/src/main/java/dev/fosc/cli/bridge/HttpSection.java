package dev.fosc.cli.bridge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.fosc.cli.common.CliException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The optional {@code http:} section of a cameras file, read by {@code fosc bridge}: {@code port} of the
 * {@code /healthz} and {@code /metrics} endpoints (0 picks a free port), on the rtsp section's bind address.
 * Stateless; thread-safe.
 */
public final class HttpSection {

    /** The section's name. */
    public static final String NAME = "http";


    private HttpSection() {
    }

    /**
     * The port of the {@code http:} section of {@code file}, or -1 when it has none (no HTTP port).
     *
     * @throws CliException exit 2 for an unknown key or a bad port, naming the file and line
     */
    public static int port(Path file) {
        return YamlSections.read(file, NAME, -1, p -> section(file, p));
    }

    private static int section(Path file, JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw error(file, p, "http", "must be a mapping (port:)");
        }
        int port = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (!"port".equals(field)) {
                throw error(file, p, "http." + field, "unknown key (the http section has: port)");
            }
            if (value != JsonToken.VALUE_NUMBER_INT || p.getIntValue() < 0 || p.getIntValue() > 65535) {
                throw error(file, p, "http.port", "must be a port number 0..65535 (0 picks a free port)");
            }
            port = p.getIntValue();
        }
        if (port < 0) {
            throw error(file, p, "http", "missing 'port:'");
        }
        return port;
    }

    private static CliException error(Path file, JsonParser p, String key, String message) {
        return YamlSections.error(file, p.currentTokenLocation().getLineNr(), key, message);
    }
}
