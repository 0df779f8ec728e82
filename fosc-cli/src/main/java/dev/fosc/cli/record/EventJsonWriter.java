package dev.fosc.cli.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.fosc.client.FoscColorEvent;
import dev.fosc.client.FoscCruisesChangedEvent;
import dev.fosc.client.FoscEvent;
import dev.fosc.client.FoscLoginEvent;
import dev.fosc.client.FoscMirrorFlipEvent;
import dev.fosc.client.FoscMotionEvent;
import dev.fosc.client.FoscPowerFrequencyEvent;
import dev.fosc.client.FoscPresetsChangedEvent;
import dev.fosc.client.FoscStreamSelectEvent;
import dev.fosc.client.FoscUnknownEvent;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes {@code events.jsonl}: one JSON object per line and per camera event, with {@code time} (ISO-8601, when
 * it was received), {@code type} ({@code motion}, {@code presetsChanged}, {@code login}...) and the event's
 * fields. Each line is flushed, so the file is complete up to the last event even if the process is killed.
 *
 * <p>Not thread-safe: used by the recorder's writer thread only.
 */
public final class EventJsonWriter implements Closeable {

    private static final JsonFactory JSON = new JsonFactory();

    private final Writer out;
    private long count;

    /** Creates (or truncates) {@code file}. */
    public EventJsonWriter(Path file) throws IOException {
        this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** Appends one line for {@code event}. */
    public void write(FoscEvent event) throws IOException {
        write(out, event, null);
        out.write('\n');
        out.flush();
        count++;
    }

    /**
     * Writes {@code event} as one JSON object (no line end) to {@code out}: {@code camera} first when not
     * {@code null}, then {@code time}, {@code type} and the event's fields. Thread-safe as far as {@code out} is.
     */
    public static void write(Writer out, FoscEvent event, String camera) throws IOException {
        JsonGenerator g = JSON.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        g.writeStartObject();
        if (camera != null) {
            g.writeStringField("camera", camera);
        }
        g.writeStringField("time", event.time().toString());
        g.writeStringField("type", event.type());
        fields(g, event);
        g.writeEndObject();
        g.close();
    }

    private static void fields(JsonGenerator g, FoscEvent event) throws IOException {
        if (event instanceof FoscMotionEvent) {
            g.writeStringField("raw", ((FoscMotionEvent) event).rawHex());
        } else if (event instanceof FoscPresetsChangedEvent) {
            names(g, "presets", ((FoscPresetsChangedEvent) event).presets());
        } else if (event instanceof FoscCruisesChangedEvent) {
            names(g, "cruises", ((FoscCruisesChangedEvent) event).cruises());
        } else if (event instanceof FoscMirrorFlipEvent) {
            g.writeBooleanField("mirror", ((FoscMirrorFlipEvent) event).mirror());
            g.writeBooleanField("flip", ((FoscMirrorFlipEvent) event).flip());
        } else if (event instanceof FoscColorEvent) {
            FoscColorEvent c = (FoscColorEvent) event;
            g.writeNumberField("brightness", c.brightness());
            g.writeNumberField("contrast", c.contrast());
            g.writeNumberField("hue", c.hue());
            g.writeNumberField("saturation", c.saturation());
            g.writeNumberField("sharpness", c.sharpness());
            g.writeNumberField("denoise", c.denoise());
        } else if (event instanceof FoscPowerFrequencyEvent) {
            g.writeNumberField("frequency", ((FoscPowerFrequencyEvent) event).frequency());
        } else if (event instanceof FoscStreamSelectEvent) {
            g.writeNumberField("stream", ((FoscStreamSelectEvent) event).stream());
        } else if (event instanceof FoscLoginEvent) {
            FoscLoginEvent l = (FoscLoginEvent) event;
            g.writeStringField("cameraId", l.info().cameraId());
            names(g, "presets", l.info().presets());
            names(g, "cruises", l.info().cruises());
        } else if (event instanceof FoscUnknownEvent) {
            FoscUnknownEvent u = (FoscUnknownEvent) event;
            g.writeNumberField("command", u.command());
            g.writeNumberField("length", u.payload().length);
            g.writeStringField("payload", HexFormat.of().formatHex(u.payload()));
        }
    }

    private static void names(JsonGenerator g, String field, List<String> names) throws IOException {
        g.writeArrayFieldStart(field);
        for (String n : names) {
            g.writeString(n);
        }
        g.writeEndArray();
    }

    /** Lines written. */
    public long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
