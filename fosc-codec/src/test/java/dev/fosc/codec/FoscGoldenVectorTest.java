package dev.fosc.codec;

import dev.fosc.codec.FoscSamples.Golden;
import dev.fosc.codec.FoscSamples.Kind;
import dev.fosc.codec.FoscTestSupport.Side;
import dev.fosc.codec.FoscTestSupport.Snap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static dev.fosc.codec.FoscTestSupport.ALLOC;
import static dev.fosc.codec.FoscTestSupport.assertFinished;
import static dev.fosc.codec.FoscTestSupport.buf;
import static dev.fosc.codec.FoscTestSupport.drainInbound;
import static dev.fosc.codec.FoscTestSupport.drainOutbound;
import static dev.fosc.codec.FoscTestSupport.encodeAndRelease;
import static dev.fosc.codec.FoscTestSupport.snapAndRelease;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden byte vectors written by hand from the docs/protocol.md layouts (src/test/resources/golden, notation in
 * {@link FoscHex}): the encoder must produce exactly these bytes, and the decoder must read them back to the
 * expected values.
 */
class FoscGoldenVectorTest {

    static Stream<Golden> encodable() {
        return FoscSamples.golden().stream().filter(Golden::encodable);
    }

    static Stream<Golden> all() {
        return FoscSamples.golden().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodable")
    void encoderWritesTheGoldenBytes(Golden golden) {
        List<FoscMessage> messages = golden.messages().get();
        assertEquals(1, messages.size());
        byte[] expected = golden.bytes();
        byte[] actual = encodeAndRelease(messages.get(0));
        assertEquals(ByteBufUtil.hexDump(expected), ByteBufUtil.hexDump(actual), golden.file());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodable")
    void codecHandlerWritesTheGoldenBytes(Golden golden) {
        EmbeddedChannel ch = new EmbeddedChannel(new FoscCodec());
        for (FoscMessage m : golden.messages().get()) {
            assertTrue(ch.writeOutbound(m));
        }
        assertArrayEquals(golden.bytes(), drainOutbound(ch), golden.file());
        assertFinished(ch);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void decoderReadsTheGoldenValues(Golden golden) {
        List<Snap> expected = snapAndRelease(golden.messages().get());
        Side side = golden.kind() == Kind.CAMERA_STREAM ? Side.CAMERA
                : golden.kind() == Kind.CLIENT_STREAM ? Side.CLIENT : Side.BARE;
        EmbeddedChannel ch = side.newChannel();
        ch.writeInbound(buf(golden.bytes()));
        assertEquals(expected, drainInbound(ch), golden.file());
        assertFinished(ch);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("all")
    void framesDecodeStatically(Golden golden) {
        if (golden.kind() != Kind.FRAMES) {
            return;
        }
        List<Snap> expected = snapAndRelease(golden.messages().get());
        ByteBuf frame = buf(golden.bytes());
        try {
            FoscMessage decoded = FoscFrames.decode(frame);
            assertEquals(0, frame.readerIndex(), "decode must not move the reader index");
            assertEquals(expected, snapAndRelease(List.of(decoded)));
        } finally {
            frame.release();
        }
    }

    @Test
    void loginReplyFieldsSitAtTheDocumentedOffsets() {
        // Values read straight from the hand-written vector, not through the decoder.
        byte[] b = FoscHex.resource("login_reply_accepted.hex");
        int p = 12;
        assertEquals(2, b[p + 8]);
        assertEquals("door", new String(b, p + 9, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, b[p + 525]);
        assertEquals("patrol", new String(b, p + 526, 6, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("00626E4A1B2C", new String(b, p + 878, 12, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(12 + 2220, b.length);

        ByteBuf frame = buf(b);
        FoscLoginReply reply;
        try {
            reply = (FoscLoginReply) FoscFrames.decode(frame.asReadOnly());
        } finally {
            frame.release();
        }
        assertTrue(reply.isAccepted());
        assertEquals(List.of("door", "gate"), reply.presets());
        assertEquals(List.of("patrol"), reply.cruises());
        assertEquals("00626E4A1B2C", reply.cameraId());
        assertEquals(2220, reply.payloadLength());
    }

    @Test
    void deletedNamesAreSkippedAndCountedOnly() {
        ByteBuf frame = buf(FoscHex.resource("login_reply_deleted_names.hex"));
        try {
            FoscLoginReply reply = (FoscLoginReply) FoscFrames.decode(frame);
            assertEquals(List.of("door", "porch"), reply.presets());
            assertEquals(List.of("loop"), reply.cruises());
            assertEquals("C1V3", reply.cameraId());
            assertTrue(reply.isAccepted());
        } finally {
            frame.release();
        }
    }

    @Test
    void mediaHeaderFieldsAtOffsetsZeroToThirtyTwo() {
        ByteBuf frame = buf(FoscHex.resource("video_data.hex"));
        try {
            FoscVideoData video = (FoscVideoData) FoscFrames.decode(frame);
            try {
                FoscMediaHeader h = video.header();
                assertEquals(1_700_000_000_123L, h.timestamp()); // @0
                assertEquals(16, h.videoLength());                // @8
                assertEquals(0, h.audioLength());                 // @12
                assertTrue(h.keyFrame());                         // @16
                assertEquals(1920, h.width());                    // @20
                assertEquals(1080, h.height());                   // @24
                assertEquals(25, h.frameRate());                  // @28
                assertEquals(2_097_152, h.bitRate());             // @32
                assertEquals("0000000167420028000000016588842" + "1", ByteBufUtil.hexDump(video.data()));
            } finally {
                video.release();
            }
        } finally {
            frame.release();
        }
        ByteBuf audioFrame = buf(FoscHex.resource("audio_data.hex"));
        try {
            FoscAudioData audio = (FoscAudioData) FoscFrames.decode(audioFrame);
            try {
                assertEquals(1_700_000_000_183L, audio.header().timestamp());
                assertEquals(120, audio.header().audioLength());
                assertEquals(0, audio.header().videoLength());
                assertEquals(FoscAudioFormat.G726, audio.format());
            } finally {
                audio.release();
            }
        } finally {
            audioFrame.release();
        }
    }

    @Test
    void clientWritesTheDocumentedPreamble() {
        EmbeddedChannel client = FoscTestSupport.client(
                FoscCodecOptions.builder().hostHeader("192.168.0.22:88").build());
        byte[] preamble = drainOutbound(client);
        assertEquals(new String(FoscHex.resource("client_preamble_request.hex"), java.nio.charset.StandardCharsets.US_ASCII),
                new String(preamble, java.nio.charset.StandardCharsets.US_ASCII));
        // the first frame written after channelActive follows the preamble untouched
        client.writeOutbound(new FoscLoginCheck(FoscTestSupport.UID));
        assertArrayEquals(FoscHex.resource("login_check.hex"), drainOutbound(client));
        assertFinished(client);
    }

    @Test
    void goldenFilesParseToWholeFrames() {
        // every frames-only vector is exactly one frame: header length + 12 == file length
        for (Golden g : FoscSamples.golden()) {
            if (g.kind() == Kind.FRAMES) {
                byte[] b = g.bytes();
                long declared = (b[8] & 0xffL) | (b[9] & 0xffL) << 8 | (b[10] & 0xffL) << 16 | (b[11] & 0xffL) << 24;
                assertEquals(b.length - 12, declared, g.file());
                assertArrayEquals(new byte[] {'F', 'O', 'S', 'C'}, Arrays.copyOfRange(b, 4, 8), g.file());
            }
        }
        ALLOC.buffer(1).release();
    }
}
