package dev.fosc.codec;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The decoded form of a message for tools, logs and test reports, with the names of docs/protocol.md §8:
 * {@code command}, {@code name}, {@code length}, then the message's fields. A password is never written
 * out: it appears as {@value #REDACTED}. Payload bytes are never included (media frames show their sizes).
 *
 * <p>Numbers are the wire's unsigned values: every u32 field is a {@code Long} (0..4294967295), u8 fields
 * are {@code Integer}s, and a u64 timestamp is a {@code Long}, or a {@link BigInteger} above
 * {@code Long.MAX_VALUE} (still a number in JSON). The {@code result} of a LOGIN_REPLY with an empty payload
 * (the seed camera's refusal) is {@code null}: that reply carries no result (the message's
 * {@link FoscLoginReply#RESULT_EMPTY} is a placeholder, not a wire value); the key is present so that every
 * LOGIN_REPLY has the same keys.
 *
 * <p>Stateless and thread-safe. Values are {@code Long}, {@code Integer}, {@code BigInteger},
 * {@code Boolean}, {@code String}, {@code List<String>} or {@code null} (only that {@code result}).
 */
public final class FoscDecodedForm {

    /** What a password is replaced with. */
    public static final String REDACTED = "<redacted>";

    private FoscDecodedForm() {
    }

    /**
     * {@return the decoded form of {@code msg}, in a stable key order}
     *
     * @param msg the message
     */
    public static Map<String, Object> of(FoscMessage msg) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", msg.command().id());
        m.put("name", msg.command().name());
        m.put("length", msg.payloadLength());
        if (msg instanceof FoscVideoData) {
            FoscMediaHeader h = ((FoscVideoData) msg).header();
            m.put("timestamp", u64(h.timestamp()));
            m.put("dataLength", u32(h.videoLength()));
            m.put("keyFrame", h.keyFrame());
            m.put("width", u32(h.width()));
            m.put("height", u32(h.height()));
            m.put("frameRate", u32(h.frameRate()));
            m.put("bitRate", u32(h.bitRate()));
        } else if (msg instanceof FoscAudioData) {
            FoscAudioData a = (FoscAudioData) msg;
            m.put("timestamp", u64(a.header().timestamp()));
            m.put("dataLength", u32(a.header().audioLength()));
            m.put("audioFormat", a.format().jsonName());
        } else if (msg instanceof FoscTalkData) {
            FoscTalkData t = (FoscTalkData) msg;
            m.put("audioLength", t.content().readableBytes());
            m.put("audioFormat", t.format().jsonName());
        } else if (msg instanceof FoscVideoOn) {
            FoscVideoOn v = (FoscVideoOn) msg;
            m.put("stream", v.stream());
            credentials(m, v.credentials());
            m.put("uid", u32(v.uid()));
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
            m.put("uid", u32(((FoscSpeakerOn) msg).uid()));
        } else if (msg instanceof FoscSpeakerOff) {
            credentials(m, ((FoscSpeakerOff) msg).credentials());
        } else if (msg instanceof FoscLogin) {
            FoscLogin l = (FoscLogin) msg;
            credentials(m, l.credentials());
            m.put("uid", u32(l.uid()));
            m.put("loginStream", u32(l.loginStream()));
        } else if (msg instanceof FoscLoginCheck) {
            m.put("uid", u32(((FoscLoginCheck) msg).uid()));
        } else if (msg instanceof FoscStatusReply) {
            m.put("status", u32(((FoscStatusReply) msg).status()));
        } else if (msg instanceof FoscLoginCheckReply) {
            m.put("result", u32(((FoscLoginCheckReply) msg).result()));
        } else if (msg instanceof FoscLoginReply) {
            FoscLoginReply r = (FoscLoginReply) msg;
            m.put("result", r.isEmptyRefusal() ? null : u32(r.result())); // an empty payload carries no result
            m.put("presets", r.presets());
            m.put("cruises", r.cruises());
            m.put("cameraId", r.cameraId());
        } else if (msg instanceof FoscPresetsChanged) {
            m.put("presets", ((FoscPresetsChanged) msg).presets());
        } else if (msg instanceof FoscCruisesChanged) {
            m.put("cruises", ((FoscCruisesChanged) msg).cruises());
        } else if (msg instanceof FoscMirrorFlip) {
            m.put("mirror", u32(((FoscMirrorFlip) msg).mirror()));
            m.put("flip", u32(((FoscMirrorFlip) msg).flip()));
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
            m.put("frequency", u32(((FoscPowerFrequency) msg).frequency()));
        } else if (msg instanceof FoscStreamSelect) {
            m.put("stream", u32(((FoscStreamSelect) msg).stream()));
        } else if (msg instanceof FoscInvalidMessage) {
            m.put("error", ((FoscInvalidMessage) msg).cause().getMessage());
        }
        return m;
    }

    /** A u32 field read into an int, as the unsigned number it is on the wire. */
    private static Long u32(int value) {
        return Integer.toUnsignedLong(value);
    }

    /** A u64 field read into a long: a {@code Long} while it fits, else the unsigned value as a BigInteger. */
    private static Number u64(long value) {
        return value >= 0 ? (Number) value : new BigInteger(Long.toUnsignedString(value));
    }

    private static void credentials(Map<String, Object> m, FoscCredentials c) {
        m.put("user", c.user());
        m.put("password", REDACTED);
    }
}
