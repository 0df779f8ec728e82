package dev.fosc.cli.bridge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.fosc.bridge.BridgeAudioCodec;
import dev.fosc.cli.common.CliException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code rtsp:} section of a cameras file, read by {@code fosc bridge}:
 * <pre>
 * rtsp:
 *   port: 8554                    # 0 picks a free port
 *   bind: 0.0.0.0                 # the address to listen on
 *   username: viewer              # optional: viewers must authenticate (Digest or Basic)
 *   password: ${RTSP_PASSWORD}    # with username; ${VAR} from the environment
 *   audio: pcmu                   # the cameras' audio track: pcmu (default) or l16
 * </pre>
 * Every key is optional; without the section the bridge listens on 0.0.0.0:8554 with no authentication and PCMU
 * audio. The cameras themselves are read by {@link dev.fosc.cli.common.CamerasFile}, which checks the rest of the
 * file. Immutable; {@link #toString()} never shows the password.
 *
 * @param port the RTSP port, 0..65535
 * @param bind the address to listen on, as written (resolved when the bridge binds)
 * @param username the user name viewers authenticate as; {@code null} when they need none
 * @param password the password of {@code username}; {@code null} when there is none
 * @param audio how the cameras' audio is sent
 */
public record RtspSection(int port, String bind, String username, String password, BridgeAudioCodec audio) {

    /** The section's name. */
    public static final String NAME = "rtsp";
    /** The port when none is given (the usual RTSP proxy port). */
    public static final int DEFAULT_PORT = 8554;
    /** The address when none is given: every interface. */
    public static final String DEFAULT_BIND = "0.0.0.0";

    private static final RtspSection DEFAULTS = new RtspSection(DEFAULT_PORT, DEFAULT_BIND, null, null,
            BridgeAudioCodec.PCMU);

    /**
     * Reads the {@code rtsp:} section of {@code file}; the defaults when it has none.
     *
     * @param file the cameras file
     * @param env the environment {@code ${VAR}} in the user name and password is taken from
     * @return the section
     * @throws CliException exit 2 for an unknown key, a value of the wrong kind, a password without a user name or
     *     the reverse, or a variable that is not set, naming the file and line (never the password)
     */
    public static RtspSection read(Path file, Map<String, String> env) {
        // a file that is not a mapping: CamerasFile says what is wrong with it
        return YamlSections.read(file, NAME, DEFAULTS, p -> section(file, p, env));
    }

    private static RtspSection section(Path file, JsonParser p, Map<String, String> env) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw error(file, p, "rtsp", "must be a mapping (port:, bind:, username:, password:, audio:)");
        }
        int port = DEFAULT_PORT;
        String bind = DEFAULT_BIND;
        String username = null;
        String password = null;
        BridgeAudioCodec audio = BridgeAudioCodec.PCMU;
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
            } else if ("username".equals(field) || "password".equals(field)) {
                if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NUMBER_INT) {
                    throw error(file, p, "rtsp." + field, "must be a string");
                }
                String text = YamlSections.expand(file, p.currentTokenLocation().getLineNr(), "rtsp." + field,
                        p.getText(), env);
                if ("username".equals(field)) {
                    if (text.isBlank() || text.indexOf(':') >= 0) {
                        throw error(file, p, "rtsp.username", "must be a non-empty name without ':'");
                    }
                    username = text.trim();
                } else {
                    password = text;
                }
            } else if ("audio".equals(field)) {
                String text = value == JsonToken.VALUE_STRING ? p.getText().trim().toUpperCase(Locale.ROOT) : "";
                if (!text.equals("PCMU") && !text.equals("L16")) {
                    throw error(file, p, "rtsp.audio", "must be pcmu (G.711 µ-law, the default) or l16 (16-bit "
                            + "linear PCM), both at 8000 Hz");
                }
                audio = BridgeAudioCodec.valueOf(text);
            } else {
                throw error(file, p, "rtsp." + field,
                        "unknown key (the rtsp section has: port, bind, username, password, audio)");
            }
        }
        if ((username == null) != (password == null)) {
            throw CliException.usage(file + ":" + line + ": rtsp: " + (username == null
                    ? "a password without a username: viewers authenticate with both"
                    : "a username without a password: viewers authenticate with both"));
        }
        return new RtspSection(port, bind, username, password, audio);
    }


    /**
     * The section without its password.
     *
     * @return port, bind address, user name and audio codec
     */
    @Override
    public String toString() {
        return "RtspSection[port=" + port + ", bind=" + bind + ", username=" + username
                + (password == null ? "" : ", password=***") + ", audio=" + audio + "]";
    }

    private static CliException error(Path file, JsonParser p, String key, String message) {
        return YamlSections.error(file, p.currentTokenLocation().getLineNr(), key, message);
    }
}
