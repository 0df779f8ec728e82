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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the bridge's sections of a cameras file ({@code rtsp:}, {@code mqtt:}, {@code http:}) share: finding one
 * top-level section, the errors of an unreadable or malformed file, and {@code ${VAR}} expansion. Stateless.
 */
final class YamlSections {

    /** Reads a section, the parser at its value. */
    interface SectionReader<T> {
        T read(JsonParser p) throws IOException;
    }

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private YamlSections() {
    }

    /**
     * The top-level section {@code name} of {@code file} read by {@code section}, or {@code absent} when the file
     * has none (or is not a mapping: the cameras file's own reader says what is wrong then).
     *
     * @throws CliException exit 2 for a file that cannot be read or is not YAML, and whatever {@code section} throws
     */
    static <T> T read(Path file, String name, T absent, SectionReader<T> section) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             JsonParser p = YAML.createParser(reader)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return absent;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (name.equals(key)) {
                    return section.read(p);
                }
                p.skipChildren();
            }
            return absent;
        } catch (JsonProcessingException e) {
            throw CliException.usage(file + ": malformed YAML: " + e.getOriginalMessage().split("\n")[0]);
        } catch (IOException e) {
            throw CliException.usage("the cameras file " + file + " cannot be read: " + ErrorText.fileReason(e));
        }
    }

    /**
     * {@code text} with every {@code ${VAR}} replaced from {@code env}.
     *
     * @throws CliException exit 2 naming the file, line and key when a variable is not set
     */
    static String expand(Path file, int line, String key, String text, Map<String, String> env) {
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

    /** A usage error naming the file, line and key. */
    static CliException error(Path file, int line, String key, String message) {
        return CliException.usage(file + ":" + line + ": " + key + ": " + message);
    }
}
