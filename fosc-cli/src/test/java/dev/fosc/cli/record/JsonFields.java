package dev.fosc.cli.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flattens a JSON document into {@code path → value} for test assertions ({@code video.frames},
 * {@code gaps[0].cause}, {@code camera.presets[1]}); jackson-core only. Values are String, Long, Double,
 * Boolean or null.
 */
final class JsonFields {

    private JsonFields() {
    }

    static Map<String, Object> parse(String json) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(json)) {
            Deque<String> path = new ArrayDeque<>();
            Deque<Integer> index = new ArrayDeque<>();
            String field = null;
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                switch (t) {
                    case FIELD_NAME:
                        field = p.currentName();
                        break;
                    case START_OBJECT:
                    case START_ARRAY:
                        path.push(name(path, index, field));
                        index.push(t == JsonToken.START_ARRAY ? 0 : -1);
                        field = null;
                        break;
                    case END_OBJECT:
                    case END_ARRAY:
                        path.pop();
                        index.pop();
                        bump(index);
                        break;
                    default:
                        Object value = t == JsonToken.VALUE_NULL ? null : t == JsonToken.VALUE_STRING ? p.getText()
                                : t == JsonToken.VALUE_NUMBER_INT ? (Object) p.getLongValue()
                                : t == JsonToken.VALUE_NUMBER_FLOAT ? (Object) p.getDoubleValue() : p.getBooleanValue();
                        out.put(name(path, index, field), value);
                        bump(index);
                        field = null;
                }
            }
        }
        return out;
    }

    private static String name(Deque<String> path, Deque<Integer> index, String field) {
        String parent = path.isEmpty() ? "" : path.peek();
        if (!index.isEmpty() && index.peek() >= 0) {
            return parent + "[" + index.peek() + "]";
        }
        if (field == null) {
            return parent;
        }
        return parent.isEmpty() ? field : parent + "." + field;
    }

    private static void bump(Deque<Integer> index) {
        if (!index.isEmpty() && index.peek() >= 0) {
            index.push(index.pop() + 1);
        }
    }
}
