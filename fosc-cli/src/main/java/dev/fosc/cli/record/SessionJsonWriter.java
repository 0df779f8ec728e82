package dev.fosc.cli.record;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.fosc.client.FoscQuirks;
import dev.fosc.client.record.FoscWavFileWriter;
import dev.fosc.codec.FoscMediaHeader;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Writes {@code session.json} from a {@link RecordingReport} (pretty-printed). Stateless; thread-safe. */
public final class SessionJsonWriter {

    private SessionJsonWriter() {
    }

    /** Writes {@code report} to {@code file}. */
    public static void write(Path file, RecordingReport r) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             JsonGenerator g = new JsonFactory().createGenerator(out).useDefaultPrettyPrinter()) {
            g.writeStartObject();
            g.writeObjectFieldStart("camera");
            g.writeStringField("host", r.host());
            g.writeNumberField("port", r.port());
            g.writeStringField("user", r.user());
            g.writeStringField("profile", r.profile());
            if (r.quirks() != null) {
                FoscQuirks q = r.quirks();
                g.writeObjectFieldStart("quirks");
                g.writeNumberField("speakerOnLength", q.speakerOnLength());
                g.writeBooleanField("speakerOnLengthLearned", q.speakerOnLengthLearned());
                if (q.videoOnStreamByte() == FoscQuirks.STREAM_NUMBER) {
                    g.writeStringField("videoOnStreamByte", "stream");
                } else {
                    g.writeNumberField("videoOnStreamByte", q.videoOnStreamByte());
                }
                g.writeBooleanField("videoOnStreamByteLearned", q.videoOnStreamByteLearned());
                g.writeEndObject();
            }
            g.writeStringField("cameraId", r.cameraId());
            strings(g, "presets", r.presets());
            strings(g, "cruises", r.cruises());
            g.writeEndObject();

            g.writeStringField("started", r.started().toString());
            g.writeStringField("ended", r.ended().toString());
            g.writeNumberField("durationMillis", Duration.between(r.started(), r.ended()).toMillis());
            g.writeStringField("outcome", r.outcome());

            g.writeObjectFieldStart("video");
            g.writeStringField("file", "video.h264");
            g.writeStringField("stream", r.stream());
            FoscMediaHeader h = r.lastVideo() != null ? r.lastVideo() : r.firstVideo();
            if (h != null) {
                g.writeNumberField("width", h.width());
                g.writeNumberField("height", h.height());
                g.writeNumberField("frameRate", h.frameRate());
                g.writeNumberField("bitRate", h.bitRate());
                g.writeNumberField("firstTimestamp", r.firstVideo().timestamp());
                g.writeNumberField("lastTimestamp", r.lastVideo().timestamp());
            }
            g.writeNumberField("frames", r.videoFrames());
            g.writeNumberField("keyFrames", r.keyFrames());
            g.writeNumberField("bytes", r.videoBytes());
            g.writeNumberField("skippedUntilKeyFrame", r.skippedFrames());
            g.writeNumberField("dropped", r.droppedVideoFrames());
            g.writeEndObject();

            if (r.audio()) {
                g.writeObjectFieldStart("audio");
                g.writeStringField("file", "audio.wav");
                g.writeStringField("cameraFormat", r.audioFormat());
                g.writeNumberField("sampleRate", FoscWavFileWriter.SAMPLE_RATE);
                g.writeNumberField("frames", r.audioFrames());
                g.writeNumberField("durationMillis", r.audioMillis());
                g.writeNumberField("dropped", r.droppedAudioFrames());
                g.writeEndObject();
            }

            g.writeObjectFieldStart("events");
            g.writeStringField("file", "events.jsonl");
            g.writeNumberField("count", r.events());
            g.writeNumberField("dropped", r.droppedEvents());
            g.writeEndObject();

            g.writeNumberField("reconnects", r.reconnects());
            g.writeArrayFieldStart("gaps");
            for (RecordingGap gap : r.gaps()) {
                g.writeStartObject();
                g.writeStringField("start", gap.start().toString());
                if (gap.end() != null) {
                    g.writeStringField("end", gap.end().toString());
                } else {
                    g.writeNullField("end");
                }
                g.writeNumberField("durationMillis", gap.length(r.ended()).toMillis());
                g.writeStringField("cause", gap.cause());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.flush();
            out.write('\n');
        }
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
