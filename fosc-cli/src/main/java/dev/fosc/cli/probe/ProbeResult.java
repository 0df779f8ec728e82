package dev.fosc.cli.probe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * What {@code fosc probe} found out about a camera. An immutable value; never holds the password.
 *
 * @param cameraId the camera id from LOGIN_REPLY
 * @param presets preset names
 * @param cruises cruise names
 * @param width picture width of the first video frame (0 when no video came)
 * @param height picture height of the first video frame
 * @param frameRate frame rate from the first video frame's media header
 * @param bitRate bit rate from the first video frame's media header, bit/s
 * @param audioFormat the camera's audio format from the first audio frame: {@code pcm} or {@code g726} ({@code null}
 *     when no audio came)
 * @param videoStreamByte the stream byte the camera accepts in VIDEO_ON for the main stream
 * @param speakerOnSize the SPEAKER_ON payload size the camera accepts ({@code 0} when the speaker was refused)
 * @param profile the profile that matches: {@code fi9821w-v2}, {@code r2c}, {@code c1-v3}, or {@code auto} when none
 *     of the known models does
 */
public record ProbeResult(String cameraId, List<String> presets, List<String> cruises, int width, int height,
                          int frameRate, int bitRate, String audioFormat, int videoStreamByte, int speakerOnSize,
                          String profile) {

    /** Exactly one JSON object, with the keys of the issue, on one line. */
    public String toJson() {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("cameraId", cameraId);
            strings(g, "presets", presets);
            strings(g, "cruises", cruises);
            g.writeObjectFieldStart("video");
            g.writeNumberField("width", width);
            g.writeNumberField("height", height);
            g.writeNumberField("frameRate", frameRate);
            g.writeNumberField("bitRate", bitRate);
            g.writeEndObject();
            g.writeStringField("audioFormat", audioFormat);
            g.writeNumberField("videoStreamByte", videoStreamByte);
            g.writeNumberField("speakerOnSize", speakerOnSize);
            g.writeStringField("profile", profile);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** A few lines for a person. */
    public String toText(String where) {
        return String.format(Locale.ROOT, "camera %s at %s%n"
                        + "  presets       %s%n"
                        + "  cruises       %s%n"
                        + "  video         %dx%d, %d fps, %d kbit/s (main stream, from the first frame)%n"
                        + "  audio         %s%n"
                        + "  VIDEO_ON      stream byte %d for the main stream%n"
                        + "  SPEAKER_ON    %s%n"
                        + "  profile       %s%n", cameraId, where, presets.isEmpty() ? "none" : String.join(", ", presets),
                cruises.isEmpty() ? "none" : String.join(", ", cruises), width, height, frameRate, bitRate / 1000,
                audioFormat == null ? "none received" : audioFormat,
                videoStreamByte, speakerOnSize == 0 ? "refused" : speakerOnSize + " bytes",
                "auto".equals(profile) ? "none of the known models; use --profile auto" : profile
                        + " (--profile " + profile + ")");
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
