package dev.fosc.cli.decode;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * Writes decoded forms ({@code FoscDecodedForm}) as JSON Lines: one object per line, keys in the map's order.
 * Values may be numbers, booleans, strings or lists of those; anything else is written as its string form.
 *
 * <p>Not thread-safe. Does not close the target writer.
 */
public final class JsonFrameWriter implements Flushable, Closeable {

    private static final JsonFactory FACTORY = new JsonFactory()
            .setRootValueSeparator(null)
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private final JsonGenerator json;

    /** Writes to {@code out}; the caller keeps ownership of it. */
    public JsonFrameWriter(Writer out) throws IOException {
        this.json = FACTORY.createGenerator(out);
    }

    /** Writes one object and a line break. */
    public void write(Map<String, ?> fields) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            json.writeFieldName(e.getKey());
            writeValue(e.getValue());
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void writeValue(Object v) throws IOException {
        if (v == null) {
            json.writeNull();
        } else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            json.writeNumber(((Number) v).intValue());
        } else if (v instanceof Long) {
            json.writeNumber((Long) v);
        } else if (v instanceof java.math.BigInteger) {
            json.writeNumber((java.math.BigInteger) v); // a u64 timestamp above Long.MAX_VALUE
        } else if (v instanceof Boolean) {
            json.writeBoolean((Boolean) v);
        } else if (v instanceof List) {
            json.writeStartArray();
            for (Object item : (List<?>) v) {
                writeValue(item);
            }
            json.writeEndArray();
        } else {
            json.writeString(v.toString());
        }
    }

    @Override
    public void flush() throws IOException {
        json.flush();
    }

    /** Flushes; the target writer stays open. */
    @Override
    public void close() throws IOException {
        json.close();
    }
}
