package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.fosc.codec.FoscTestSupport.ALLOC;
import static dev.fosc.codec.FoscTestSupport.assertFinished;
import static dev.fosc.codec.FoscTestSupport.buf;
import static dev.fosc.codec.FoscTestSupport.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A password never shows in {@code toString()}, in {@link FoscDecodedForm}, or in an exception message —
 * for every message that carries credentials, built or decoded, and for every rejected credential value.
 */
class FoscPasswordRedactionTest {

    private static final String PASSWORD = "Hunter2-zq9!";
    private static final FoscCredentials CREDS = FoscCredentials.of("operator", PASSWORD);

    /** Fails if {@code text} contains the password, a long piece of it, or its bytes in hex. */
    private static void assertNoPassword(String password, String text) {
        assertFalse(text.contains(password), () -> "password in: " + text);
        if (password.length() >= 6) {
            for (int i = 0; i + 6 <= password.length(); i++) {
                String piece = password.substring(i, i + 6);
                assertFalse(text.contains(piece), () -> "part of the password (" + piece + ") in: " + text);
            }
            String hex = ByteBufUtil.hexDump(password.getBytes(StandardCharsets.UTF_8));
            assertFalse(text.toLowerCase().contains(hex.substring(0, 12)), () -> "password bytes in: " + text);
        }
    }

    private static List<FoscMessage> messagesWithCredentials(FoscCredentials c) {
        return List.of(new FoscVideoOn(1, c, 5), new FoscClose(c), new FoscClose(c, FoscClose.SDK_LENGTH),
                new FoscAudioOn(1, c), new FoscAudioOff(0, c), new FoscSpeakerOn(c, 5),
                new FoscSpeakerOn(c, 5, FoscSpeakerOn.R2C_LENGTH), new FoscSpeakerOn(c, 5, FoscSpeakerOn.SEED_LENGTH),
                new FoscSpeakerOff(c), new FoscLogin(c, 5, 0));
    }

    private static void assertRedacted(FoscMessage m, String password) {
        assertNoPassword(password, m.toString());
        Map<String, Object> form = FoscDecodedForm.of(m);
        assertEquals(FoscDecodedForm.REDACTED, form.get("password"), m.getClass().getSimpleName());
        assertEquals("operator", form.get("user"));
        assertNoPassword(password, form.toString());
        for (Object value : form.values()) {
            assertNoPassword(password, String.valueOf(value));
        }
    }

    @Test
    void credentialsToStringShowsTheUserOnly() {
        assertNoPassword(PASSWORD, CREDS.toString());
        assertTrue(CREDS.toString().contains("operator"));
        assertTrue(CREDS.toString().contains("<redacted>"));
    }

    @Test
    void builtMessagesHideThePassword() {
        for (FoscMessage m : messagesWithCredentials(CREDS)) {
            assertRedacted(m, PASSWORD);
        }
    }

    @Test
    void decodedMessagesHideThePassword() {
        for (FoscMessage m : messagesWithCredentials(CREDS)) {
            ByteBuf frame = FoscFrames.encode(m, ALLOC);
            try {
                FoscMessage decoded = FoscFrames.decode(frame);
                assertEquals(m, decoded);
                assertRedacted(decoded, PASSWORD);
            } finally {
                frame.release();
            }
        }
    }

    @Test
    void decodedFormOfEveryOtherMessageHasNoPasswordKeyButRedaction() {
        for (FoscMessage m : FoscSamples.everyMessage()) {
            try {
                Map<String, Object> form = FoscDecodedForm.of(m);
                Object password = form.get("password");
                assertTrue(password == null || FoscDecodedForm.REDACTED.equals(password), form.toString());
                assertNoPassword(FoscTestSupport.CREDS.password(), form.toString());
                assertNoPassword(FoscTestSupport.CREDS.password(), m.toString());
            } finally {
                io.netty.util.ReferenceCountUtil.release(m);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {65, 100, 1000})
    void tooLongPasswordIsRejectedWithoutShowingIt(int length) {
        String password = ("Secr3tPw" + "x".repeat(length)).substring(0, length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FoscCredentials.of("operator", password));
        assertNoPassword(password, e.getMessage());
        assertNoPassword(password, e.toString());
        assertTrue(e.getMessage().contains("password"), e.getMessage());
    }

    @Test
    void tooLongMultiBytePasswordIsRejectedWithoutShowingIt() {
        String password = "Pässwörd-€€€-" + "ü".repeat(30); // 43 characters, 77 UTF-8 bytes
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FoscCredentials.of("operator", password));
        assertNoPassword(password, e.getMessage());
    }

    @Test
    void passwordWithNulIsRejectedWithoutShowingIt() {
        String password = "Zq7Xk9\0Wv3Rt8";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FoscCredentials.of("operator", password));
        assertNoPassword("Zq7Xk9", e.getMessage());
        assertNoPassword("Wv3Rt8", e.getMessage());
    }

    @Test
    void tooLongUserIsRejectedWithoutShowingThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FoscCredentials.of("u".repeat(65), PASSWORD));
        assertNoPassword(PASSWORD, e.getMessage());
        assertTrue(e.getMessage().contains("user"), e.getMessage());
    }

    @Test
    void undecodablePasswordBytesDecodeWithoutShowingThePassword() {
        // a VIDEO_ON whose password field holds the password followed by bytes that are not UTF-8: decoded
        // leniently (the bytes become '?'), and neither the message nor its decoded form may show it
        byte[] payload = new byte[161];
        payload[0] = 1;
        byte[] user = "operator".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(user, 0, payload, 1, user.length);
        byte[] pw = PASSWORD.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(pw, 0, payload, 65, pw.length);
        Arrays.fill(payload, 65 + pw.length, 129, (byte) 0xfe);
        EmbeddedChannel ch = new EmbeddedChannel(new FoscFrameDecoder(), new FoscCodec());
        ch.writeInbound(buf(frame(0, payload)));
        FoscVideoOn on = assertInstanceOf(FoscVideoOn.class, ch.readInbound());
        assertTrue(on.credentials().password().startsWith(PASSWORD), "the readable part is kept");
        assertNoPassword(PASSWORD, on.toString());
        assertNoPassword(PASSWORD, on.credentials().toString());
        assertNoPassword(PASSWORD, FoscDecodedForm.of(on).toString());
        assertFinished(ch);
    }

    @Test
    void pipelineFailuresNearCredentialsDoNotShowThem() {
        // a LOGIN frame cut short by a bad length field: the next "header" is read from inside the password
        byte[] login = FoscHex.resource("login.hex");
        byte[] shifted = login.clone();
        shifted[8] = 60; // declares 60 payload bytes: the next header starts inside the password field
        List<String> messages = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new FoscFrameDecoder(), new FoscCodec());
        try {
            ch.writeInbound(buf(shifted));
        } catch (io.netty.handler.codec.DecoderException e) {
            messages.add(e.getMessage());
        }
        for (Object o; (o = ch.readInbound()) != null; ) {
            messages.add(o.toString());
            io.netty.util.ReferenceCountUtil.release(o);
        }
        ch.finishAndReleaseAll();
        assertFalse(messages.isEmpty());
        for (String text : messages) {
            assertNoPassword("s3cr3t-Pw", text);
        }
    }
}
