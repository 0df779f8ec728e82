package dev.fosc.codec;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static dev.fosc.codec.FoscTestSupport.CREDS;
import static dev.fosc.codec.FoscTestSupport.UID;
import static dev.fosc.codec.FoscTestSupport.buf;
import static dev.fosc.codec.FoscTestSupport.pattern;

/**
 * Sample messages: every typed message in every size variant, and the golden vectors under
 * {@code src/test/resources/golden} with the messages they hold. Reference-counted samples are created
 * fresh on each call (the caller releases them).
 */
final class FoscSamples {

    private FoscSamples() {
    }

    /** Every message type and size variant (fresh instances; the caller owns them). */
    static List<FoscMessage> everyMessage() {
        List<FoscMessage> m = new ArrayList<>();
        m.add(new FoscVideoOn(1, CREDS, UID));
        m.add(new FoscVideoOn(0, FoscCredentials.of("", ""), -1));
        m.add(new FoscClose(CREDS));
        m.add(new FoscClose(CREDS, FoscClose.SDK_LENGTH));
        m.add(new FoscAudioOn(1, CREDS));
        m.add(new FoscAudioOff(0, CREDS));
        m.add(new FoscSpeakerOn(CREDS, UID));
        m.add(new FoscSpeakerOn(CREDS, UID, FoscSpeakerOn.R2C_LENGTH));
        m.add(new FoscSpeakerOn(CREDS, UID, FoscSpeakerOn.SEED_LENGTH));
        m.add(new FoscSpeakerOff(CREDS));
        m.add(new FoscTalkData(buf(pattern(FoscAudioFormat.PCM_FRAME_BYTES, 1))));
        m.add(new FoscTalkData(buf(pattern(FoscAudioFormat.G726_FRAME_BYTES, 2))));
        m.add(new FoscTalkData(buf(new byte[0])));
        m.add(new FoscLogin(CREDS, UID, 0));
        m.add(new FoscLogin(FoscCredentials.of("u".repeat(64), "p".repeat(64)), 7, 1));
        m.add(new FoscLoginCheck(UID));
        m.add(new FoscVideoOnReply(0));
        m.add(new FoscVideoOnReply(5));
        m.add(new FoscAudioOnReply(0));
        m.add(new FoscSpeakerOnReply(1));
        m.add(new FoscSpeakerOffReply(0));
        m.add(new FoscVideoData(FoscMediaHeader.video(1_700_000_000_123L, true, 1920, 1080, 25, 2_097_152),
                buf(pattern(1460, 3))));
        m.add(new FoscVideoData(FoscMediaHeader.video(-1L, false, 640, 360, 15, 256_000), buf(new byte[0])));
        m.add(new FoscAudioData(FoscMediaHeader.audio(42), buf(pattern(FoscAudioFormat.PCM_FRAME_BYTES, 4))));
        m.add(new FoscAudioData(FoscMediaHeader.audio(43), buf(pattern(FoscAudioFormat.G726_FRAME_BYTES, 5))));
        m.add(new FoscLoginCheckReply(0));
        m.add(new FoscLoginCheckReply(1));
        m.add(FoscLoginReply.accepted(List.of("door", "gate"), List.of("patrol"), "00626E4A1B2C"));
        m.add(FoscLoginReply.accepted(sixteen("p"), eight("c"), ""));
        m.add(new FoscLoginReply(0, List.of(), List.of(), "X", FoscLoginReply.MIN_ACCEPTED_LENGTH));
        m.add(FoscLoginReply.refused(FoscLoginReply.RESULT_BAD_CREDENTIALS));
        m.add(FoscLoginReply.refused(FoscLoginReply.RESULT_TOO_MANY_USERS));
        m.add(FoscLoginReply.refusedEmpty());
        m.add(new FoscPresetsChanged(List.of("home", "left", "right")));
        m.add(new FoscPresetsChanged(sixteen("n")));
        m.add(new FoscCruisesChanged(List.of("tour")));
        m.add(new FoscCruisesChanged(List.of()));
        m.add(new FoscMirrorFlip(1, 0));
        m.add(new FoscMirrorFlip(0, 1, FoscMirrorFlip.SHORT_LENGTH));
        m.add(new FoscColorAdjust(50, 60, 40, 70, 20, 50));
        m.add(FoscMotionAlert.DEFAULT);
        m.add(new FoscMotionAlert(new byte[] {1, 0}));
        m.add(new FoscPowerFrequency(1));
        m.add(new FoscStreamSelect(1));
        for (long id : new long[] {23, 105, 200, 252, 0xFFFF_FFFFL, 7, 600}) {
            m.add(new FoscUnknownMessage(FoscCommand.valueOf(id), buf(pattern((int) (id % 13), (int) id))));
        }
        return m;
    }

    static List<String> sixteen(String prefix) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            names.add(prefix + i + "-".repeat(32 - (prefix + i).length())); // full 32-byte names
        }
        return names;
    }

    static List<String> eight(String prefix) {
        return sixteen(prefix).subList(0, 8);
    }

    /** Which pipeline a golden stream is read by. */
    enum Kind {
        /** Frames only: read by every side (the codec is symmetric). */
        FRAMES,
        /** A client's preamble then frames: read by the camera side. */
        CAMERA_STREAM,
        /** A camera's HTTP 200 block then frames: read by the client side. */
        CLIENT_STREAM
    }

    /**
     * A golden vector.
     *
     * @param file the resource under {@code golden/}
     * @param kind who reads it
     * @param encodable whether our encoder must produce exactly these bytes from {@link #messages}
     * @param messages fresh instances of what the file holds
     */
    record Golden(String file, Kind kind, boolean encodable, Supplier<List<FoscMessage>> messages) {
        byte[] bytes() {
            return FoscHex.resource(file);
        }

        @Override
        public String toString() {
            return file;
        }
    }

    private static Golden frames(String file, Supplier<FoscMessage> message) {
        return new Golden(file, Kind.FRAMES, true, () -> List.of(message.get()));
    }

    static List<Golden> golden() {
        FoscMediaHeader video = new FoscMediaHeader(1_700_000_000_123L, 16, 0, true, 1920, 1080, 25, 2_097_152);
        byte[] h264 = {0, 0, 0, 1, 0x67, 0x42, 0, 0x28, 0, 0, 0, 1, 0x65, (byte) 0x88, (byte) 0x84, 0x21};
        byte[] g726 = new byte[120];
        for (int i = 0; i < 120; i++) {
            g726[i] = (byte) (i < 40 ? 0x11 : i < 80 ? 0x22 : 0x33);
        }
        byte[] talk = new byte[120];
        for (int i = 0; i < 120; i++) {
            talk[i] = (byte) (i < 60 ? 0x5a : 0xa5);
        }
        talk[119] = (byte) 0xc3;
        return List.of(
                frames("video_on.hex", () -> new FoscVideoOn(1, CREDS, UID)),
                frames("close_129.hex", () -> new FoscClose(CREDS)),
                frames("close_161.hex", () -> new FoscClose(CREDS, 161)),
                frames("audio_on.hex", () -> new FoscAudioOn(1, CREDS)),
                frames("audio_off.hex", () -> new FoscAudioOff(0, CREDS)),
                frames("speaker_on_160.hex", () -> new FoscSpeakerOn(CREDS, UID)),
                frames("speaker_on_164.hex", () -> new FoscSpeakerOn(CREDS, UID, 164)),
                frames("speaker_on_161.hex", () -> new FoscSpeakerOn(CREDS, UID, 161)),
                frames("speaker_off.hex", () -> new FoscSpeakerOff(CREDS)),
                frames("talk_data.hex", () -> new FoscTalkData(buf(talk))),
                frames("login.hex", () -> new FoscLogin(CREDS, UID, 0)),
                frames("login_check.hex", () -> new FoscLoginCheck(UID)),
                frames("video_on_reply.hex", () -> new FoscVideoOnReply(0)),
                frames("audio_on_reply.hex", () -> new FoscAudioOnReply(0)),
                frames("speaker_on_reply.hex", () -> new FoscSpeakerOnReply(1)),
                frames("speaker_off_reply.hex", () -> new FoscSpeakerOffReply(0)),
                frames("video_data.hex", () -> new FoscVideoData(video, buf(h264))),
                frames("audio_data.hex", () -> new FoscAudioData(FoscMediaHeader.audio(1_700_000_000_183L), buf(g726))),
                frames("login_check_reply.hex", () -> new FoscLoginCheckReply(0)),
                frames("login_reply_accepted.hex",
                        () -> FoscLoginReply.accepted(List.of("door", "gate"), List.of("patrol"), "00626E4A1B2C")),
                new Golden("login_reply_deleted_names.hex", Kind.FRAMES, false, () -> List.of(
                        new FoscLoginReply(0, List.of("door", "porch"), List.of("loop"), "C1V3", 890))),
                frames("login_reply_refused.hex", () -> FoscLoginReply.refused(1)),
                frames("login_reply_refused_4.hex", () -> new FoscLoginReply(3, List.of(), List.of(), "", 4)),
                frames("login_reply_empty.hex", FoscLoginReply::refusedEmpty),
                frames("presets_changed.hex", () -> new FoscPresetsChanged(List.of("home", "left", "right"))),
                frames("cruises_changed.hex", () -> new FoscCruisesChanged(List.of("tour"))),
                frames("mirror_flip_8.hex", () -> new FoscMirrorFlip(1, 0)),
                frames("mirror_flip_2.hex", () -> new FoscMirrorFlip(0, 1, 2)),
                frames("color_adjust.hex", () -> new FoscColorAdjust(50, 60, 40, 70, 20, 50)),
                frames("motion_alert_4.hex", () -> FoscMotionAlert.DEFAULT),
                frames("motion_alert_2.hex", () -> new FoscMotionAlert(new byte[] {1, 0})),
                frames("power_frequency.hex", () -> new FoscPowerFrequency(1)),
                frames("stream_select.hex", () -> new FoscStreamSelect(1)),
                frames("unknown_23.hex", () -> unknown(23, 1, 2, 3)),
                frames("unknown_105.hex", () -> unknown(105)),
                frames("unknown_200.hex", () -> unknown(200, 0, 0xff, 0x10, 0x20, 0x30)),
                frames("unknown_252.hex", () -> unknown(252, 0xab, 0xcd)),
                frames("unknown_ffffffff.hex", () -> unknown(0xFFFF_FFFFL, 0xde, 0xad, 0xbe, 0xef)),
                new Golden("camera_preamble_sdk.hex", Kind.CAMERA_STREAM, false,
                        () -> List.of(new FoscLogin(CREDS, UID, 0), new FoscLoginCheck(UID))),
                new Golden("camera_preamble_space.hex", Kind.CAMERA_STREAM, false,
                        () -> List.of(new FoscVideoOn(1, CREDS, UID))),
                new Golden("camera_preamble_extra_crlf.hex", Kind.CAMERA_STREAM, false,
                        () -> List.of(new FoscLoginCheck(UID), new FoscSpeakerOn(CREDS, UID))),
                new Golden("client_http200.hex", Kind.CLIENT_STREAM, false, () -> List.of(FoscLoginReply.refused(1),
                        new FoscVideoData(FoscMediaHeader.video(1_700_000_000_123L, false, 640, 360, 15, 256_000),
                                buf(new byte[] {0, 0, 0, 1, 0x41, (byte) 0x9a})))));
    }

    static FoscUnknownMessage unknown(long id, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new FoscUnknownMessage(FoscCommand.valueOf(id), buf(b));
    }
}
