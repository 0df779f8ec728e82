package dev.fosc.cli;

import dev.fosc.codec.FoscAudioData;
import dev.fosc.codec.FoscAudioOff;
import dev.fosc.codec.FoscAudioOn;
import dev.fosc.codec.FoscAudioOnReply;
import dev.fosc.codec.FoscClose;
import dev.fosc.codec.FoscColorAdjust;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.codec.FoscFrames;
import dev.fosc.codec.FoscLogin;
import dev.fosc.codec.FoscLoginCheck;
import dev.fosc.codec.FoscLoginCheckReply;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.codec.FoscMessage;
import dev.fosc.codec.FoscMirrorFlip;
import dev.fosc.codec.FoscMotionAlert;
import dev.fosc.codec.FoscPowerFrequency;
import dev.fosc.codec.FoscPresetsChanged;
import dev.fosc.codec.FoscSpeakerOff;
import dev.fosc.codec.FoscSpeakerOffReply;
import dev.fosc.codec.FoscSpeakerOn;
import dev.fosc.codec.FoscSpeakerOnReply;
import dev.fosc.codec.FoscStreamSelect;
import dev.fosc.codec.FoscTalkData;
import dev.fosc.codec.FoscUnknownMessage;
import dev.fosc.codec.FoscVideoData;
import dev.fosc.codec.FoscVideoOn;
import dev.fosc.codec.FoscVideoOnReply;
import dev.fosc.codec.G726Encoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ReferenceCountUtil;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Captured byte streams of one session, both directions, produced by the codec's own encoder. */
public final class Sessions {

    public static final String PASSWORD = "s3cret-Pa55";
    public static final FoscCredentials ADMIN = FoscCredentials.of("admin", PASSWORD);
    public static final int UID = 0x5f3e1a2b;

    /** The SDK's preamble, extra CRLF included. */
    public static final String SERVERPUSH = "SERVERPUSH / HTTP/1.1\r\nHost: 192.168.0.22:88\r\nAccept:*/*\r\n"
            + "Connection: Close\r\n\r\n\r\n";
    public static final String HTTP_200 = "HTTP/1.1 200 OK\r\nServer: cam\r\n\r\n";

    private Sessions() {
    }

    /** Client → camera: login, keepalive, video, audio, talk (G.726), close. */
    public static List<FoscMessage> clientMessages() {
        byte[] pcm = new byte[960];
        for (int i = 0; i < 480; i++) {
            short s = (short) (8000 * Math.sin(i * 2 * Math.PI / 40));
            pcm[2 * i] = (byte) s;
            pcm[2 * i + 1] = (byte) (s >> 8);
        }
        byte[] g726 = new G726Encoder().encode(pcm);
        return List.of(
                new FoscLogin(ADMIN, UID, 0),
                new FoscLoginCheck(UID),
                new FoscVideoOn(1, ADMIN, UID),
                new FoscAudioOn(1, ADMIN),
                new FoscSpeakerOn(ADMIN, UID),
                new FoscTalkData(Unpooled.wrappedBuffer(g726)),
                new FoscTalkData(Unpooled.wrappedBuffer(pcm)),
                new FoscSpeakerOff(ADMIN),
                new FoscAudioOff(1, ADMIN),
                new FoscClose(ADMIN));
    }

    /** Camera → client: login reply, replies, video (key and delta), audio (PCM and G.726), events, unknown. */
    public static List<FoscMessage> cameraMessages(int videoBytes) {
        byte[] video = new byte[videoBytes];
        for (int i = 0; i < video.length; i++) {
            video[i] = (byte) (i * 31);
        }
        video[0] = 0;
        video[1] = 0;
        video[2] = 0;
        video[3] = 1;
        return List.of(
                FoscLoginReply.accepted(List.of("door", "gate"), List.of("round"), "CAM0001"),
                new FoscLoginCheckReply(0),
                new FoscVideoOnReply(0),
                new FoscAudioOnReply(0),
                new FoscSpeakerOnReply(0),
                new FoscVideoData(FoscMediaHeader.video(1_000, true, 1280, 720, 25, 2_000_000),
                        Unpooled.wrappedBuffer(video)),
                new FoscVideoData(FoscMediaHeader.video(1_040, false, 1280, 720, 25, 2_000_000),
                        Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 1, 0x41, 7, 7})),
                new FoscAudioData(FoscMediaHeader.audio(1_020), Unpooled.wrappedBuffer(new byte[960])),
                new FoscAudioData(FoscMediaHeader.audio(1_080), Unpooled.wrappedBuffer(new byte[120])),
                new FoscSpeakerOffReply(0),
                new FoscPresetsChanged(List.of("door", "gate", "yard")),
                new FoscMirrorFlip(1, 0),
                new FoscColorAdjust(50, 40, 50, 60, 50, 50),
                FoscMotionAlert.DEFAULT,
                new FoscPowerFrequency(1),
                new FoscStreamSelect(0),
                new FoscUnknownMessage(FoscCommand.valueOf(200), Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
    }

    /** The wire bytes of {@code messages} (released afterwards), after {@code preamble}. */
    public static byte[] bytes(String preamble, List<FoscMessage> messages) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(preamble.getBytes(StandardCharsets.US_ASCII));
        for (FoscMessage m : messages) {
            out.writeBytes(frame(m));
            ReferenceCountUtil.release(m);
        }
        return out.toByteArray();
    }

    /** The wire bytes of one message (not released). */
    public static byte[] frame(FoscMessage m) {
        List<Object> parts = new ArrayList<>();
        FoscFrames.encode(m, UnpooledByteBufAllocator.DEFAULT, parts);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(ByteBufUtil.getBytes((ByteBuf) part));
            ((ByteBuf) part).release();
        }
        return out.toByteArray();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
