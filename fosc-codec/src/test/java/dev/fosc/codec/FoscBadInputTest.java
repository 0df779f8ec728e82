package dev.fosc.codec;

import dev.fosc.codec.FoscTestSupport.Side;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static dev.fosc.codec.FoscTestSupport.ALLOC;
import static dev.fosc.codec.FoscTestSupport.HTTP_200;
import static dev.fosc.codec.FoscTestSupport.SDK_PREAMBLE;
import static dev.fosc.codec.FoscTestSupport.UID;
import static dev.fosc.codec.FoscTestSupport.ascii;
import static dev.fosc.codec.FoscTestSupport.assertFinished;
import static dev.fosc.codec.FoscTestSupport.buf;
import static dev.fosc.codec.FoscTestSupport.concat;
import static dev.fosc.codec.FoscTestSupport.frame;
import static dev.fosc.codec.FoscTestSupport.pattern;
import static dev.fosc.codec.FoscTestSupport.putIntLE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input on every side: a bad magic, an oversize length, malformed payloads of known commands, unknown
 * commands, a refused or overlong HTTP answer on the client side and a garbage preamble on the camera side.
 * Every run also checks that each buffer fed in was released.
 */
class FoscBadInputTest {

    private static final byte[] CHECK = frame(15, le(UID));
    private static final byte[] CHECK_REPLY = frame(29, le(0));

    static byte[] le(int v) {
        byte[] b = new byte[4];
        putIntLE(b, 0, v);
        return b;
    }

    /** The bytes a side needs before frames (the client side needs none: the HTTP 200 block is optional). */
    private static byte[] prefix(Side side) {
        return side == Side.CAMERA ? ascii(SDK_PREAMBLE) : new byte[0];
    }

    /** What happened when a stream was fed in pieces. */
    record Outcome(List<Object> messages, List<Throwable> failures) {
    }

    /**
     * Feeds {@code bytes} cut at {@code cuts}, collecting the messages and the exceptions; releases every
     * message, finishes the channel and checks that every buffer fed in was released.
     */
    private static Outcome run(EmbeddedChannel ch, byte[] bytes, int... cuts) {
        List<ByteBuf> fed = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        List<Object> messages = new ArrayList<>();
        int from = 0;
        int[] ends = Arrays.copyOf(cuts, cuts.length + 1);
        ends[cuts.length] = bytes.length;
        for (int end : ends) {
            ByteBuf piece = buf(Arrays.copyOfRange(bytes, from, end));
            fed.add(piece);
            from = end;
            try {
                ch.writeInbound(piece);
            } catch (DecoderException e) {
                failures.add(e);
            }
        }
        for (Object o; (o = ch.readInbound()) != null; ) {
            messages.add(o);
        }
        try {
            assertFalse(ch.finish());
        } finally {
            for (Object m : messages) {
                ReferenceCountUtil.release(m);
            }
        }
        for (ByteBuf piece : fed) {
            assertEquals(0, piece.refCnt(), "a buffer fed in was not released");
        }
        return new Outcome(messages, failures);
    }

    private static int[] every(int n) {
        int[] cuts = new int[n - 1];
        for (int i = 1; i < n; i++) {
            cuts[i - 1] = i;
        }
        return cuts;
    }

    // ---- bad magic ----

    @ParameterizedTest
    @EnumSource(Side.class)
    void badMagicFailsAndNothingAfterItIsDecoded(Side side) throws Throwable {
        byte[] bad = frame(12, le(1));
        bad[7] = 'D'; // "FOSD"
        byte[] stream = concat(prefix(side), CHECK, bad, CHECK, CHECK);
        FoscTestSupport.onShallowStack(() -> {
            List<int[]> splits = new ArrayList<>();
            splits.add(new int[0]);
            splits.add(every(stream.length));
            for (int cut = 1; cut < stream.length; cut++) {
                splits.add(new int[] {cut});
            }
            for (int[] cuts : splits) {
                Outcome o = run(side.newChannel(), stream, cuts);
                assertEquals(1, o.failures().size(), "exactly one failure; cuts " + cuts.length);
                CorruptedFrameException e = assertInstanceOf(CorruptedFrameException.class, o.failures().get(0));
                assertTrue(e.getMessage().contains("bad magic 0x464f5344"), e.getMessage());
                assertTrue(e.getMessage().contains("stream offset 16"), e.getMessage());
                assertEquals(List.of(new FoscLoginCheck(UID)), o.messages());
            }
        });
    }

    @Test
    void badMagicIsReportedAsSoonAsEightBytesAreIn() {
        EmbeddedChannel ch = Side.BARE.newChannel();
        byte[] header = {1, 0, 0, 0, 'H', 'T', 'T', 'P'};
        ch.writeInbound(buf(Arrays.copyOf(header, 7)));
        assertThrows(CorruptedFrameException.class, () -> ch.writeInbound(buf(new byte[] {'P'})));
        ch.writeInbound(buf(CHECK)); // ignored, no second failure
        assertNull(ch.readInbound());
        assertFinished(ch);
    }

    // ---- oversize ----

    @ParameterizedTest
    @EnumSource(Side.class)
    void oversizeFailsOnTheHeaderAloneWithTheDefaultMaximum(Side side) {
        EmbeddedChannel ch = side.newChannel();
        ch.writeInbound(buf(prefix(side)));
        byte[] header = frame(26, FoscFrameDecoder.DEFAULT_MAX_PAYLOAD_LENGTH + 1L, new byte[0]);
        ch.writeInbound(buf(Arrays.copyOf(header, 11)));
        TooLongFrameException e = assertThrows(TooLongFrameException.class,
                () -> ch.writeInbound(buf(new byte[] {header[11]})));
        assertTrue(e.getMessage().contains("4194305"), e.getMessage());
        assertTrue(e.getMessage().contains("4194304"), e.getMessage());
        assertNull(ch.readInbound());
        assertFinished(ch);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void exactlyTheMaximumIsAccepted(Side side) {
        EmbeddedChannel ch = side.newChannel(FoscCodecOptions.builder().maxPayloadLength(100).build());
        ch.writeInbound(buf(concat(prefix(side), frame(23, pattern(100, 9)))));
        FoscUnknownMessage m = ch.readInbound();
        assertEquals(100, m.payloadLength());
        m.release();
        assertFinished(ch);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void oversizeWithASmallCustomMaximumThenTheBodyIsSkipped(Side side) throws Throwable {
        FoscCodecOptions options = FoscCodecOptions.builder().maxPayloadLength(100).build();
        byte[] header = frame(26, 101, new byte[0]);
        // only the header: the failure comes before any of the body
        EmbeddedChannel first = side.newChannel(options);
        first.writeInbound(buf(prefix(side)));
        assertThrows(TooLongFrameException.class, () -> first.writeInbound(buf(header)));
        assertNull(first.readInbound());
        assertFinished(first);

        // then the body arrives and is skipped; the next frame decodes
        byte[] stream = concat(prefix(side), CHECK, header, pattern(101, 1), CHECK_REPLY);
        FoscTestSupport.onShallowStack(() -> {
            for (int cut = 1; cut < stream.length; cut++) {
                Outcome o = run(side.newChannel(options), stream, cut);
                assertEquals(1, o.failures().size());
                assertInstanceOf(TooLongFrameException.class, o.failures().get(0));
                assertEquals(List.of(new FoscLoginCheck(UID), new FoscLoginCheckReply(0)), o.messages(),
                        "split at " + cut);
            }
            Outcome bytewise = run(side.newChannel(options), stream, every(stream.length));
            assertEquals(1, bytewise.failures().size());
            assertEquals(List.of(new FoscLoginCheck(UID), new FoscLoginCheckReply(0)), bytewise.messages());
        });
    }

    @Test
    void largestDeclaredLengthFailsToo() {
        EmbeddedChannel ch = Side.BARE.newChannel();
        TooLongFrameException e = assertThrows(TooLongFrameException.class,
                () -> ch.writeInbound(buf(frame(26, 0xFFFF_FFFFL, new byte[0]))));
        assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
        assertFinished(ch);
    }

    @Test
    void maximumOfZeroAcceptsOnlyEmptyPayloads() {
        EmbeddedChannel ch = Side.BARE.newChannel(FoscCodecOptions.builder().maxPayloadLength(0).build());
        ch.writeInbound(buf(frame(105, new byte[0])));
        FoscUnknownMessage m = ch.readInbound();
        m.release();
        assertThrows(TooLongFrameException.class, () -> ch.writeInbound(buf(frame(105, 1, new byte[0]))));
        assertFinished(ch);
    }

    // ---- malformed payloads of known commands ----

    record Malformed(String name, long command, byte[] payload) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Malformed> malformed() {
        byte[] presets17 = new byte[890];
        presets17[8] = 17;
        byte[] cruises9 = new byte[890];
        cruises9[525] = 9;
        byte[] videoLengthDisagrees = new byte[36 + 16];
        putIntLE(videoLengthDisagrees, 8, 100);
        byte[] videoLengthNegative = new byte[36 + 16];
        putIntLE(videoLengthNegative, 8, -1);
        byte[] audioLengthDisagrees = new byte[36 + 960];
        putIntLE(audioLengthDisagrees, 12, 120);
        byte[] talkTooLong = new byte[4 + 120];
        putIntLE(talkTooLong, 0, 200);
        byte[] acceptedTooShort = new byte[100];
        return Stream.of(
                new Malformed("3-byte LOGIN_REPLY", 100, new byte[] {1, 0, 0}),
                new Malformed("10-byte VIDEO_DATA", 26, new byte[10]),
                new Malformed("LOGIN_REPLY with 17 presets", 100, presets17),
                new Malformed("LOGIN_REPLY with 9 cruises", 100, cruises9),
                new Malformed("LOGIN_REPLY result 0 in 100 bytes", 100, acceptedTooShort),
                new Malformed("VIDEO_DATA header says 100 bytes, 16 follow", 26, videoLengthDisagrees),
                new Malformed("VIDEO_DATA header says 2^32-1 bytes", 26, videoLengthNegative),
                new Malformed("AUDIO_DATA header says 120 bytes, 960 follow", 27, audioLengthDisagrees),
                new Malformed("10-byte AUDIO_DATA", 27, new byte[10]),
                new Malformed("TALK_DATA says 200 bytes, 120 follow", 6, talkTooLong),
                new Malformed("3-byte TALK_DATA", 6, new byte[3]),
                new Malformed("3-byte LOGIN_CHECK", 15, new byte[3]),
                new Malformed("3-byte LOGIN_CHECK_REPLY", 29, new byte[3]),
                new Malformed("3-byte VIDEO_ON_REPLY", 16, new byte[3]),
                new Malformed("100-byte VIDEO_ON", 0, new byte[100]),
                new Malformed("100-byte CLOSE", 1, new byte[100]),
                new Malformed("100-byte AUDIO_ON", 2, new byte[100]),
                new Malformed("131-byte SPEAKER_ON", 4, new byte[131]),
                new Malformed("100-byte SPEAKER_OFF", 5, new byte[100]),
                new Malformed("135-byte LOGIN", 12, new byte[135]),
                new Malformed("10-byte PRESETS_CHANGED", 106, new byte[10]),
                new Malformed("PRESETS_CHANGED with 17 presets", 106, withFirstByte(517, 17)),
                new Malformed("CRUISES_CHANGED with 9 cruises", 107, withFirstByte(261, 9)),
                new Malformed("1-byte MIRROR_FLIP", 108, new byte[1]),
                new Malformed("5-byte COLOR_ADJUST", 110, new byte[5]),
                new Malformed("65-byte MOTION_ALERT", 111, new byte[65]),
                new Malformed("3-byte POWER_FREQUENCY", 112, new byte[3]),
                new Malformed("3-byte STREAM_SELECT", 113, new byte[3]));
        // string fields that are not UTF-8 are not malformed: see FoscStringFieldTest
    }

    private static byte[] withFirstByte(int size, int first) {
        byte[] b = new byte[size];
        b[0] = (byte) first;
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedPayloadIsAFailedMessageAndTheNextFrameDecodes(Malformed m) throws Throwable {
        for (Side side : Side.values()) {
            byte[] stream = concat(prefix(side), frame(m.command(), m.payload()), CHECK);
            FoscTestSupport.onShallowStack(() -> {
                List<int[]> splits = new ArrayList<>();
                splits.add(new int[0]);
                splits.add(every(stream.length));
                for (int cut = 1; cut < stream.length; cut += Math.max(1, stream.length / 97)) {
                    splits.add(new int[] {cut});
                }
                for (int[] cuts : splits) {
                    Outcome o = run(side.newChannel(), stream, cuts);
                    assertEquals(List.of(), o.failures(), side + ": the connection survives");
                    assertEquals(2, o.messages().size(), side + ": " + o.messages());
                    FoscInvalidMessage invalid = assertInstanceOf(FoscInvalidMessage.class, o.messages().get(0));
                    assertEquals(FoscCommand.valueOf(m.command()), invalid.command());
                    assertEquals(m.payload().length, invalid.payloadLength());
                    assertTrue(invalid.decoderResult().isFailure());
                    assertInstanceOf(FoscMalformedPayloadException.class, invalid.decoderResult().cause());
                    assertEquals(new FoscLoginCheck(UID), o.messages().get(1), side + ": the next frame");
                }
            });
        }
    }

    @Test
    void invalidMessageCannotBeEncoded() {
        FoscInvalidMessage invalid = new FoscInvalidMessage(FoscCommand.LOGIN_REPLY, 3,
                new FoscMalformedPayloadException("x"));
        EmbeddedChannel ch = new EmbeddedChannel(new FoscCodec());
        assertThrows(Exception.class, () -> ch.writeOutbound(invalid));
        assertFinished(ch);
    }

    // ---- unknown commands ----

    @ParameterizedTest
    @ValueSource(longs = {7, 23, 105, 200, 252, 600, 0xFFFF_FFFFL})
    void unknownCommandIsPassedOnWithItsPayloadIntact(long id) {
        for (Side side : Side.values()) {
            byte[] payload = pattern(1000, (int) id);
            Outcome o = run(side.newChannel(), concat(prefix(side), CHECK, frame(id, payload), CHECK), 20);
            assertEquals(List.of(), o.failures());
            assertEquals(3, o.messages().size());
            assertEquals(new FoscLoginCheck(UID), o.messages().get(0));
            assertEquals(new FoscLoginCheck(UID), o.messages().get(2));
        }
        // contents checked before release
        EmbeddedChannel ch = Side.BARE.newChannel();
        ch.writeInbound(buf(frame(id, pattern(1000, (int) id))));
        FoscUnknownMessage unknown = ch.readInbound();
        try {
            assertEquals(id, unknown.command().id());
            assertFalse(unknown.command().isKnown());
            assertEquals(FoscCommand.UNKNOWN_NAME, unknown.command().name());
            assertEquals(ByteBufUtil.hexDump(pattern(1000, (int) id)), ByteBufUtil.hexDump(unknown.content()));
        } finally {
            unknown.release();
        }
        assertFinished(ch);
    }

    // ---- client side: the camera's HTTP answer ----

    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic\r\n\r\n",
            "HTTP/1.1 503 Service Unavailable\r\n\r\n", "HTTP/1.0 404 Not Found\r\n\r\n", "HTTP/1.1 2000 OK\r\n\r\n",
            "HTTP/1.1\r\n\r\n"})
    void clientFailsOnAStatusOtherThan200AndDecodesNothingAfter(String block) throws Throwable {
        byte[] stream = concat(ascii(block), CHECK_REPLY, CHECK_REPLY);
        FoscTestSupport.onShallowStack(() -> {
            List<int[]> splits = new ArrayList<>();
            splits.add(new int[0]);
            splits.add(every(stream.length));
            for (int cut = 1; cut < stream.length; cut++) {
                splits.add(new int[] {cut});
            }
            for (int[] cuts : splits) {
                Outcome o = run(Side.CLIENT.newChannel(), stream, cuts);
                assertEquals(1, o.failures().size(), "one failure");
                FoscPreambleException e = assertInstanceOf(FoscPreambleException.class, o.failures().get(0));
                assertTrue(e.getMessage().contains(block.substring(0, block.indexOf('\r'))), e.getMessage());
                assertEquals(List.of(), o.messages(), "nothing decoded after the refusal");
            }
        });
    }

    @Test
    void client200WithoutReasonPhraseIsAccepted() {
        Outcome o = run(Side.CLIENT.newChannel(), concat(ascii("HTTP/1.1 200\r\n\r\n"), CHECK_REPLY));
        assertEquals(List.of(new FoscLoginCheckReply(0)), o.messages());
    }

    @Test
    void clientFailsOnAnHttpAnswerThatNeverEnds() {
        byte[] stream = concat(ascii("HTTP/1.1 200 OK\r\n"), ascii("X-Pad: " + "x".repeat(9000) + "\r\n"), CHECK_REPLY);
        Outcome o = run(Side.CLIENT.newChannel(), stream, 100, 5000);
        assertEquals(1, o.failures().size());
        assertInstanceOf(FoscPreambleException.class, o.failures().get(0));
        assertEquals(List.of(), o.messages());
    }

    @Test
    void clientWithoutHttpBlockDecodesAFrameThatStartsWithH() {
        // command 'H' (72) starts like "HTTP/" for one byte only
        Outcome o = run(Side.CLIENT.newChannel(), frame('H', new byte[] {1}), 1);
        assertEquals(1, o.messages().size());
        assertEquals(72, ((FoscMessage) o.messages().get(0)).command().id());
    }

    // ---- camera side: the client's preamble ----

    static Stream<String> garbagePreambles() {
        return Stream.of(
                "GET / HTTP/1.1\r\nHost: cam:88\r\n\r\n",
                "GET /cgi-bin/CGIProxy.fcgi?cmd=getDevState HTTP/1.1\r\n\r\n",
                "POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc",
                "SERVERPUSH\r\n\r\n",
                "\u0001\u0002 garbage\r\n\r\n",
                "serverpush / HTTP/1.1\r\n\r\n");
    }

    @ParameterizedTest
    @MethodSource("garbagePreambles")
    void cameraFailsOnAGarbagePreambleAndDecodesNothingAfter(String preamble) throws Throwable {
        byte[] stream = concat(ascii(preamble), CHECK, ascii(SDK_PREAMBLE), CHECK);
        FoscTestSupport.onShallowStack(() -> {
            List<int[]> splits = new ArrayList<>();
            splits.add(new int[0]);
            splits.add(every(stream.length));
            for (int cut = 1; cut < stream.length; cut++) {
                splits.add(new int[] {cut});
            }
            for (int[] cuts : splits) {
                Outcome o = run(Side.CAMERA.newChannel(), stream, cuts);
                assertFalse(o.failures().isEmpty(), "a failure");
                for (Throwable t : o.failures()) {
                    assertInstanceOf(FoscPreambleException.class, t);
                }
                assertEquals(List.of(), o.messages(), "nothing decoded after a bad preamble, cuts " + cuts.length);
            }
        });
    }

    @Test
    void cameraFailsOnFramesWithoutAPreamble() {
        // a client in no-preamble mode talking to a camera that expects one: no line break for 4 KB
        byte[] video = frame(26, concat(new byte[36], pattern(5000, 0x21)));
        for (int i = 12; i < video.length; i++) {
            if (video[i] == '\n' || video[i] == '\r') {
                video[i] = 0x20;
            }
        }
        putIntLE(video, 12 + 8, 5000);
        Outcome o = run(Side.CAMERA.newChannel(), concat(frame(12, new byte[164]), video), 200);
        assertFalse(o.failures().isEmpty());
        assertInstanceOf(FoscPreambleException.class, o.failures().get(0));
        assertEquals(List.of(), o.messages());
    }

    @Test
    void preambleExceptionsCarryNoCredentials() {
        Supplier<EmbeddedChannel> camera = Side.CAMERA::newChannel;
        Outcome o = run(camera.get(), concat(ascii("GET /?pwd=s3cr3t-Pw HTTP/1.1\r\n\r\n")));
        for (Throwable t : o.failures()) {
            assertFalse(String.valueOf(t.getMessage()).contains("s3cr3t"), t.getMessage());
        }
        ALLOC.buffer(1).release();
    }
}
