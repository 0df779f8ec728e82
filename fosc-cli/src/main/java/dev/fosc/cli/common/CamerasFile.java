package dev.fosc.cli.common;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fosc.cli.record.ProfileConverter;
import dev.fosc.client.FoscCameraProfile;
import picocli.CommandLine;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The cameras file ({@code --config FILE}, YAML), the one file every multi-camera command reads:
 * <pre>
 * cameras:
 *   door:
 *     url: fosc://admin:${DOOR_PASSWORD}@192.168.1.20:88   # ${VAR} from the environment
 *     profile: auto                                        # optional
 *   yard:
 *     url: fosc://admin:secret%3A1@192.168.1.21            # percent-encoding in the user info; port 88
 * </pre>
 * A camera's name names its folder and its lines, so it is letters, digits, {@code .}, {@code _} and {@code -}.
 *
 * <p><b>Extending it:</b> a command that reads more sections (a later {@code bridge} with {@code rtsp:},
 * {@code mqtt:}, {@code http:}) passes their names to {@link #parse(Path, Map, Set)} and reads them itself; any
 * other top-level key is an error, so a typo is never silently ignored.
 *
 * <p>Every error is one {@link CliException} (exit {@value ExitCodes#USAGE}) whose message names the file, the line
 * and the key ({@code cameras.yml:4: cameras.door.url: ...}) and never a password. Stateless; thread-safe.
 */
public final class CamerasFile {

    /** The section every cameras file has. */
    public static final String CAMERAS = "cameras";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final YAMLFactory YAML = new YAMLFactory();

    private CamerasFile() {
    }

    /** {@link #parse(Path, Map, Set)} for a command that reads the {@code cameras} section only. */
    public static List<CameraTarget> parse(Path file, Map<String, String> env) {
        return parse(file, env, Set.of());
    }

    /**
     * Reads the cameras of {@code file}, in file order.
     *
     * @param otherSections top-level sections the calling command reads itself (skipped here)
     * @throws CliException exit {@value ExitCodes#USAGE} for a file that cannot be read, malformed YAML, an unknown
     *     key, a missing variable, a bad URL or profile, or no camera
     */
    public static List<CameraTarget> parse(Path file, Map<String, String> env, Set<String> otherSections) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser p = YAML.createParser(reader)) {
            return new Reading(file, p, env, otherSections).document();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String problem = e.getOriginalMessage().split("\n")[0];
            throw CliException.usage(file + (at != null ? ":" + at.getLineNr() : "") + ": malformed YAML: "
                    + problem);
        } catch (IOException e) {
            throw CliException.usage("the cameras file " + file + " cannot be read: " + ErrorText.fileReason(e));
        }
    }

    /** One parse: the parser and where it is. */
    private static final class Reading {
        private final Path file;
        private final JsonParser p;
        private final Map<String, String> env;
        private final Set<String> otherSections;

        Reading(Path file, JsonParser p, Map<String, String> env, Set<String> otherSections) {
            this.file = file;
            this.p = p;
            this.env = env;
            this.otherSections = otherSections;
        }

        List<CameraTarget> document() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw error("", "the file must be a mapping with a 'cameras:' section");
            }
            List<CameraTarget> cameras = null;
            Set<String> seen = new HashSet<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int line = line();
                if (!seen.add(key)) {
                    throw error(key, line, "the section appears twice");
                }
                p.nextToken();
                if (CAMERAS.equals(key)) {
                    cameras = cameras();
                } else if (otherSections.contains(key)) {
                    p.skipChildren();
                } else {
                    throw error(key, line, "unknown section (this command reads: " + sections() + ")");
                }
            }
            if (cameras == null) {
                throw error(CAMERAS, 1, "missing: the file has no 'cameras:' section");
            }
            return cameras;
        }

        private String sections() {
            List<String> all = new ArrayList<>(List.of(CAMERAS));
            all.addAll(otherSections);
            return String.join(", ", all);
        }

        private List<CameraTarget> cameras() throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw error(CAMERAS, "must be a mapping of camera names to cameras");
            }
            Map<String, CameraTarget> cameras = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                String key = CAMERAS + "." + name;
                int line = line();
                if (!NAME.matcher(name).matches()) {
                    throw error(key, line, "a camera name may only have letters, digits, '.', '_' and '-'");
                }
                if (cameras.containsKey(name)) {
                    throw error(key, line, "the camera appears twice");
                }
                p.nextToken();
                cameras.put(name, camera(name, key, line));
            }
            if (cameras.isEmpty()) {
                throw error(CAMERAS, "no camera in the section");
            }
            return List.copyOf(cameras.values());
        }

        private CameraTarget camera(String name, String key, int line) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw error(key, line, "must be a mapping with 'url:' (and optionally 'profile:')");
            }
            FoscUrl.Parts url = null;
            FoscCameraProfile profile = FoscCameraProfile.AUTO;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                String fieldKey = key + "." + field;
                int fieldLine = line();
                JsonToken value = p.nextToken();
                if (!"url".equals(field) && !"profile".equals(field)) {
                    throw error(fieldKey, fieldLine, "unknown key (a camera has: url, profile)");
                }
                if (value != JsonToken.VALUE_STRING) {
                    throw error(fieldKey, fieldLine, "must be a string");
                }
                String text = p.getText().trim();
                if ("url".equals(field)) {
                    try {
                        url = FoscUrl.parse(text, env);
                    } catch (IllegalArgumentException e) {
                        throw error(fieldKey, fieldLine, e.getMessage());
                    }
                } else {
                    try {
                        profile = new ProfileConverter().convert(text);
                    } catch (CommandLine.TypeConversionException e) {
                        throw error(fieldKey, fieldLine, e.getMessage());
                    }
                }
            }
            if (url == null) {
                throw error(key, line, "missing 'url:'");
            }
            return new CameraTarget(name, url.host(), url.port(), url.user(), url.password(), profile);
        }

        private int line() {
            return p.currentTokenLocation().getLineNr();
        }

        private CliException error(String key, String message) {
            return error(key, line(), message);
        }

        private CliException error(String key, int line, String message) {
            return CliException.usage(file + ":" + line + ": " + (key.isEmpty() ? "" : key + ": ") + message);
        }
    }
}
