package dev.fosc.cli.bridge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fosc.cli.common.CliException;
import dev.fosc.cli.common.ErrorText;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code rtsp:} section of a cameras file, read by {@code fosc bridge}:
 * <pre>
 * rtsp:
 *   port: 8554        # 0 picks a free port
 *   bind: 0.0.0.0     # the address to listen on
 * </pre>
 * Both keys are optional; without the section the bridge listens on 0.0.0.0:8554. The cameras themselves are read
 * by {@link dev.fosc.cli.common.CamerasFile}, which checks the rest of the file. Immutable.
 *
 * @param port the RTSP port, 0..65535
 * @param bind the address to listen on, as written (resolved when the bridge binds)
 */
public record RtspSection(int port, String bind) {

    /** The section's name. */
    public static final String NAME = "rtsp";
    /** The port when none is given (the usual RTSP proxy port). */
    public static final int DEFAULT_PORT = 8554;
    /** The address when none is given: every interface. */
    public static final String DEFAULT_BIND = "0.0.0.0";

    private static final YAMLFactory YAML = new YAMLFactory();

    /**
     * Reads the {@code rtsp:} section of {@code file}; the defaults when it has none.
     *
     * @throws CliException exit 2 for an unknown key or a value of the wrong kind, naming the file and line
     */
    public static RtspSection read(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser p = YAML.createParser(reader)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new RtspSection(DEFAULT_PORT, DEFAULT_BIND); // CamerasFile says what is wrong
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (NAME.equals(key)) {
                    return section(file, p);
                }
                p.skipChildren();
            }
            return new RtspSection(DEFAULT_PORT, DEFAULT_BIND);
        } catch (JsonProcessingException e) {
            throw CliException.usage(file + ": malformed YAML: " + e.getOriginalMessage().split("\n")[0]);
        } catch (IOException e) {
            throw CliException.usage("the cameras file " + file + " cannot be read: " + ErrorText.fileReason(e));
        }
    }

    private static RtspSection section(Path file, JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw error(file, p, "rtsp", "must be a mapping (port:, bind:)");
        }
        int port = DEFAULT_PORT;
        String bind = DEFAULT_BIND;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("port".equals(field)) {
                if (value != JsonToken.VALUE_NUMBER_INT || p.getIntValue() < 0 || p.getIntValue() > 65535) {
                    throw error(file, p, "rtsp.port", "must be a port number 0..65535 (0 picks a free port)");
                }
                port = p.getIntValue();
            } else if ("bind".equals(field)) {
                if (value != JsonToken.VALUE_STRING) {
                    throw error(file, p, "rtsp.bind", "must be an address, such as 0.0.0.0 or 127.0.0.1");
                }
                bind = p.getText().trim();
            } else {
                throw error(file, p, "rtsp." + field, "unknown key (the rtsp section has: port, bind)");
            }
        }
        return new RtspSection(port, bind);
    }

    private static CliException error(Path file, JsonParser p, String key, String message) {
        return CliException.usage(file + ":" + p.currentTokenLocation().getLineNr() + ": " + key + ": " + message);
    }
}
