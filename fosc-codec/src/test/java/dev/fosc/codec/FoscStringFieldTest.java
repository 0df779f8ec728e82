package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.fosc.codec.FoscTestSupport.ALLOC;
import static dev.fosc.codec.FoscTestSupport.ascii;
import static dev.fosc.codec.FoscTestSupport.frame;
import static dev.fosc.codec.FoscTestSupport.putIntLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * String fields whose bytes are not UTF-8 (a GBK preset name, a UTF-8 name cut mid-character by the camera,
 * a password typed in another encoding) decode leniently: the message is never invalid because of them, and
 * what is decoded fits its field again, so the message re-encodes. Values built by hand are still checked.
 */
class FoscStringFieldTest {

    private static final Charset GBK = Charset.forName("GBK");

    /** Decodes one hand-made frame. */
    private static FoscMessage decode(long command, byte[] payload) {
        ByteBuf frame = FoscTestSupport.buf(frame(command, payload));
        try {
            return FoscFrames.decode(frame);
        } finally {
            frame.release();
        }
    }

    /** Encodes {@code msg} again, proving every decoded field fits. */
    private static void assertReEncodes(FoscMessage msg) {
        ByteBuf again = FoscFrames.encode(msg, ALLOC);
        try {
            assertEquals(12 + msg.payloadLength(), again.readableBytes());
            FoscMessage twice = FoscFrames.decode(again);
            assertEquals(msg.toString(), twice.toString());
        } finally {
            again.release();
        }
    }

    private static byte[] loginReply(byte[] preset, byte[] cruise, byte[] cameraId) {
        byte[] p = new byte[FoscLoginReply.DEFAULT_LENGTH];
        p[FoscLoginReply.PRESETS_AT] = 2;
        System.arraycopy(ascii("home"), 0, p, FoscLoginReply.PRESETS_AT + 1, 4);
        System.arraycopy(preset, 0, p, FoscLoginReply.PRESETS_AT + 1 + 32, preset.length);
        p[FoscLoginReply.CRUISES_AT] = 1;
        System.arraycopy(cruise, 0, p, FoscLoginReply.CRUISES_AT + 1, cruise.length);
        System.arraycopy(cameraId, 0, p, FoscLoginReply.CAMERA_ID_AT, cameraId.length);
        return p;
    }

    private static byte[] repeat(byte[] unit, int bytes) {
        byte[] out = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            out[i] = unit[i % unit.length];
        }
        return out;
    }

    @Test
    void gbkPresetAndCruiseNamesDoNotSpoilTheLoginReply() {
        byte[] gbkShort = "中文".getBytes(GBK); // D6 D0 CE C4: no byte of it continues a UTF-8 sequence
        byte[] gbk32 = repeat(gbkShort, 32); // fills the field
        byte[] gbkId = repeat(gbkShort, 12);
        FoscMessage m = decode(100, loginReply(gbk32, gbkShort, gbkId));
        FoscLoginReply reply = assertInstanceOf(FoscLoginReply.class, m, m.toString());
        assertTrue(reply.isAccepted());
        assertEquals(2, reply.presets().size());
        assertEquals("home", reply.presets().get(0));
        assertEquals("?".repeat(31), reply.presets().get(1), "a full field's last lead byte may be a cut character");
        assertEquals("????", reply.cruises().get(0), "one '?' per malformed sequence of a short GBK name");
        assertEquals("?".repeat(11), reply.cameraId());
        assertReEncodes(reply);
    }

    @Test
    void aUtf8NameCutMidCharacterByAFullFieldLosesOnlyTheCutCharacter() {
        String prefix = "Tür " + "x".repeat(26); // 31 UTF-8 bytes
        byte[] utf8 = (prefix + "äußen").getBytes(StandardCharsets.UTF_8);
        byte[] cut = Arrays.copyOf(utf8, 32);
        assertEquals((byte) 0xC3, cut[31], "the field ends inside a two-byte character");
        FoscMessage m = decode(106, presetsChanged(cut));
        FoscPresetsChanged presets = assertInstanceOf(FoscPresetsChanged.class, m, m.toString());
        assertEquals(List.of(prefix), presets.presets());
        assertReEncodes(presets);
    }

    @Test
    void aTruncatedSequenceBeforeTheTerminatorIsShownAsUndecodable() {
        byte[] name = {'a', (byte) 0xE4, (byte) 0xB8}; // a 3-byte character missing its last byte, then NUL
        FoscMessage m = decode(107, cruisesChanged(name));
        assertEquals(List.of("a?"), assertInstanceOf(FoscCruisesChanged.class, m, m.toString()).cruises());
    }

    @Test
    void validMultiByteNamesDecodeExactly() {
        String name = "玄关🙂"; // 3 + 3 + 4 bytes, a supplementary character included
        FoscMessage m = decode(106, presetsChanged(name.getBytes(StandardCharsets.UTF_8)));
        assertEquals(List.of(name), assertInstanceOf(FoscPresetsChanged.class, m, m.toString()).presets());
    }

    private static byte[] presetsChanged(byte[] firstName) {
        byte[] p = new byte[FoscPresetsChanged.LENGTH];
        p[0] = 1;
        System.arraycopy(firstName, 0, p, 1, firstName.length);
        return p;
    }

    private static byte[] cruisesChanged(byte[] firstName) {
        byte[] p = new byte[FoscCruisesChanged.LENGTH];
        p[0] = 1;
        System.arraycopy(firstName, 0, p, 1, firstName.length);
        return p;
    }

    @Test
    void aPasswordThatIsNotUtf8StillDecodesTheLogin() {
        byte[] p = new byte[FoscLogin.LENGTH];
        System.arraycopy(ascii("admin"), 0, p, 0, 5);
        byte[] gbk = repeat("密码".getBytes(GBK), 64); // fills the str64 field
        System.arraycopy(gbk, 0, p, 64, 64);
        putIntLE(p, 128, 77);
        FoscMessage m = decode(12, p);
        FoscLogin login = assertInstanceOf(FoscLogin.class, m, m.toString());
        assertEquals("admin", login.credentials().user());
        assertEquals(77, login.uid());
        assertTrue(FoscWire.utf8Length(login.credentials().password()) <= FoscCredentials.MAX_FIELD_BYTES);
        assertReEncodes(login);
    }

    @Test
    void aVideoOnWhosePasswordIsAllInvalidBytesDecodes() {
        byte[] p = new byte[161];
        p[0] = 1;
        System.arraycopy(ascii("admin"), 0, p, 1, 5);
        Arrays.fill(p, 65, 129, (byte) 0xff);
        FoscMessage m = decode(0, p);
        FoscVideoOn on = assertInstanceOf(FoscVideoOn.class, m, m.toString());
        assertEquals("?".repeat(64), on.credentials().password());
        assertReEncodes(on);
    }

    @Test
    void randomBytesInEveryStringFieldNeverMakeAnInvalidMessage() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < 500; round++) {
            byte[] preset = randomField(random, 32);
            byte[] cruise = randomField(random, 32);
            byte[] id = randomField(random, 12);
            FoscMessage reply = decode(100, loginReply(preset, cruise, id));
            assertInstanceOf(FoscLoginReply.class, reply, "seed " + seed + ": " + reply);
            assertReEncodes(reply);
            byte[] login = new byte[FoscLogin.LENGTH];
            byte[] user = randomField(random, 64);
            byte[] password = randomField(random, 64);
            System.arraycopy(user, 0, login, 0, user.length);
            System.arraycopy(password, 0, login, 64, password.length);
            FoscMessage l = decode(12, login);
            assertInstanceOf(FoscLogin.class, l, "seed " + seed + ": " + l);
            assertReEncodes(l);
        }
    }

    /** {@code size} random non-NUL bytes, sometimes shorter (NUL-terminated), the first never NUL. */
    private static byte[] randomField(Random random, int size) {
        byte[] b = new byte[random.nextBoolean() ? size : 1 + random.nextInt(size)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (1 + random.nextInt(255));
        }
        return b;
    }

    @Test
    void valuesBuiltByHandAreStillChecked() {
        String tooLong = "ä".repeat(17); // 34 UTF-8 bytes
        assertThrows(IllegalArgumentException.class, () -> new FoscPresetsChanged(List.of(tooLong)));
        assertThrows(IllegalArgumentException.class, () -> FoscLoginReply.accepted(List.of(), List.of(tooLong), ""));
        assertThrows(IllegalArgumentException.class, () -> FoscCredentials.of("admin", "ä".repeat(33)));
        assertArrayEquals(new String[0], new FoscPresetsChanged(List.of()).presets().toArray(new String[0]));
    }
}
