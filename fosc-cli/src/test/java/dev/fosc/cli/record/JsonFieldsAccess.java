package dev.fosc.cli.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** {@link JsonFields#parse} for tests in other packages: flattened fields of one JSON object. */
public final class JsonFieldsAccess {

    private JsonFieldsAccess() {
    }

    /** The object's fields by path ({@code video.width}, {@code presets[0]}). */
    public static Map<String, Object> parse(String json) {
        try {
            return JsonFields.parse(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
