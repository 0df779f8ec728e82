package dev.fosc.codec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded form of a message for tools, logs and test reports, with the names of PROTOCOL.md §8:
 * {@code command}, {@code name}, {@code length}, then the message's fields. A password is never written
 * out: it appears as {@value #REDACTED}. Payload bytes are never included (media frames show their sizes).
 *
 * <p>Stateless and thread-safe. Values are {@code Long}, {@code Integer}, {@code Boolean}, {@code String}
 * or {@code List<String>}.
 */
public final class FoscDecodedForm {

    /** What a password is replaced with. */
    public static final String REDACTED = "<redacted>";

    private FoscDecodedForm() {
    }

    /** The decoded form of {@code msg}, in a stable key order. */
    public static Map<String, Object> of(FoscMessage msg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", msg.command().id());
        m.put("name", msg.command().name());
        m.put("length", msg.payloadLength());
        if (msg instanceof FoscVideoData) {
            FoscMediaHeader h = ((FoscVideoData) msg).header();
            m.put("timestamp", h.timestamp());
            m.put("dataLength", Integer.toUnsignedLong(h.videoLength()));
            m.put("keyFrame", h.keyFrame());
            m.put("width", h.width());
            m.put("height", h.height());
            m.put("frameRate", h.frameRate());
            m.put("bitRate", h.bitRate());
        } else if (msg instanceof FoscAudioData) {
            FoscAudioData a = (FoscAudioData) msg;
            m.put("timestamp", a.header().timestamp());
            m.put("dataLength", Integer.toUnsignedLong(a.header().audioLength()));
            m.put("audioFormat", a.format().jsonName());
        } else if (msg instanceof FoscTalkData) {
            FoscTalkData t = (FoscTalkData) msg;
            m.put("audioLength", t.content().readableBytes());
            m.put("audioFormat", t.format().jsonName());
        } else if (msg instanceof FoscVideoOn) {
            FoscVideoOn v = (FoscVideoOn) msg;
            m.put("stream", v.stream());
            credentials(m, v.credentials());
            m.put("uid", Integer.toUnsignedLong(v.uid()));
        } else if (msg instanceof FoscClose) {
            credentials(m, ((FoscClose) msg).credentials());
        } else if (msg instanceof FoscAudioOn) {
            m.put("stream", ((FoscAudioOn) msg).stream());
            credentials(m, ((FoscAudioOn) msg).credentials());
        } else if (msg instanceof FoscAudioOff) {
            m.put("stream", ((FoscAudioOff) msg).stream());
            credentials(m, ((FoscAudioOff) msg).credentials());
        } else if (msg instanceof FoscSpeakerOn) {
            credentials(m, ((FoscSpeakerOn) msg).credentials());
            m.put("uid", Integer.toUnsignedLong(((FoscSpeakerOn) msg).uid()));
        } else if (msg instanceof FoscSpeakerOff) {
            credentials(m, ((FoscSpeakerOff) msg).credentials());
        } else if (msg instanceof FoscLogin) {
            FoscLogin l = (FoscLogin) msg;
            credentials(m, l.credentials());
            m.put("uid", Integer.toUnsignedLong(l.uid()));
            m.put("loginStream", l.loginStream());
        } else if (msg instanceof FoscLoginCheck) {
            m.put("uid", Integer.toUnsignedLong(((FoscLoginCheck) msg).uid()));
        } else if (msg instanceof FoscStatusReply) {
            m.put("status", ((FoscStatusReply) msg).status());
        } else if (msg instanceof FoscLoginCheckReply) {
            m.put("result", ((FoscLoginCheckReply) msg).result());
        } else if (msg instanceof FoscLoginReply) {
            FoscLoginReply r = (FoscLoginReply) msg;
            m.put("result", r.result());
            m.put("presets", r.presets());
            m.put("cruises", r.cruises());
            m.put("cameraId", r.cameraId());
        } else if (msg instanceof FoscPresetsChanged) {
            m.put("presets", ((FoscPresetsChanged) msg).presets());
        } else if (msg instanceof FoscCruisesChanged) {
            m.put("cruises", ((FoscCruisesChanged) msg).cruises());
        } else if (msg instanceof FoscMirrorFlip) {
            m.put("mirror", ((FoscMirrorFlip) msg).mirror());
            m.put("flip", ((FoscMirrorFlip) msg).flip());
        } else if (msg instanceof FoscColorAdjust) {
            FoscColorAdjust c = (FoscColorAdjust) msg;
            m.put("brightness", c.brightness());
            m.put("contrast", c.contrast());
            m.put("hue", c.hue());
            m.put("saturation", c.saturation());
            m.put("sharpness", c.sharpness());
            m.put("denoise", c.denoise());
        } else if (msg instanceof FoscMotionAlert) {
            m.put("motion", ((FoscMotionAlert) msg).rawHex());
        } else if (msg instanceof FoscPowerFrequency) {
            m.put("frequency", ((FoscPowerFrequency) msg).frequency());
        } else if (msg instanceof FoscStreamSelect) {
            m.put("stream", ((FoscStreamSelect) msg).stream());
        } else if (msg instanceof FoscInvalidMessage) {
            m.put("error", ((FoscInvalidMessage) msg).cause().getMessage());
        }
        return m;
    }

    private static void credentials(Map<String, Object> m, FoscCredentials c) {
        m.put("user", c.user());
        m.put("password", REDACTED);
    }
}
