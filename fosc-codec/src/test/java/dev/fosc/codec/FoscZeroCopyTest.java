package dev.fosc.codec;

import dev.fosc.codec.FoscTestSupport.Side;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.function.Function;

import static dev.fosc.codec.FoscTestSupport.ALLOC;
import static dev.fosc.codec.FoscTestSupport.HTTP_200;
import static dev.fosc.codec.FoscTestSupport.SDK_PREAMBLE;
import static dev.fosc.codec.FoscTestSupport.ascii;
import static dev.fosc.codec.FoscTestSupport.assertFinished;
import static dev.fosc.codec.FoscTestSupport.concat;
import static dev.fosc.codec.FoscTestSupport.frame;
import static dev.fosc.codec.FoscTestSupport.pattern;
import static dev.fosc.codec.FoscTestSupport.putIntLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Media and raw payloads are never copied: a decoded holder's content is a view of the received buffer,
 * and the encoder writes the message's own payload buffer after a separate header buffer. Sharing is proven
 * by writing into one buffer and reading the change through the other (and, for direct buffers, by
 * comparing memory addresses).
 */
class FoscZeroCopyTest {

    /** A VIDEO_DATA frame with {@code n} bytes of H.264. */
    private static byte[] videoFrame(int n) {
        byte[] payload = concat(new byte[36], pattern(n, 7));
        putIntLE(payload, 8, n);
        return frame(26, payload);
    }

    private static byte[] audioFrame(int n) {
        byte[] payload = concat(new byte[36], pattern(n, 8));
        putIntLE(payload, 12, n);
        return frame(27, payload);
    }

    private static byte[] talkFrame(int n) {
        byte[] payload = concat(new byte[4], pattern(n, 9));
        putIntLE(payload, 0, n);
        return frame(6, payload);
    }

    /** Asserts that {@code view} shows the bytes of {@code source} from {@code offset}, by sharing them. */
    private static void assertShares(ByteBuf source, int offset, ByteBuf view) {
        // bulk copies: per-byte access to a leak-tracked buffer records a stack trace each time
        assertArrayEquals(ByteBufUtil.getBytes(source, offset, view.readableBytes()), ByteBufUtil.getBytes(view));
        if (source.hasMemoryAddress() && view.hasMemoryAddress()) {
            assertEquals(source.memoryAddress() + offset, view.memoryAddress() + view.readerIndex(),
                    "the view starts inside the source's memory");
        }
        byte before = source.getByte(offset);
        source.setByte(offset, ~before);
        assertEquals((byte) ~before, view.getByte(view.readerIndex()), "a write to the source shows in the view");
        source.setByte(offset + view.readableBytes() - 1, 0x5a);
        assertEquals(0x5a, view.getByte(view.writerIndex() - 1), "... at its last byte too");
    }

    private void decodedContentIsASliceOfTheReceivedBuffer(Side side, byte[] prefix, byte[] frame, int dataOffset,
                                                          Function<Object, ByteBuf> content) {
        EmbeddedChannel ch = side.newChannel();
        ByteBuf in = ALLOC.directBuffer().writeBytes(concat(prefix, frame));
        in.retain(); // keep our own reference to look through
        try {
            ch.writeInbound(in);
            Object msg = ch.readInbound();
            try {
                assertNull(ch.readInbound());
                ByteBuf data = content.apply(msg);
                assertShares(in, prefix.length + dataOffset, data);
            } finally {
                io.netty.util.ReferenceCountUtil.release(msg);
            }
        } finally {
            in.release();
        }
        assertEquals(0, in.refCnt(), "every view of the received buffer was released");
        assertFinished(ch);
    }

    @ParameterizedTest
    @EnumSource(Side.class)
    void decodedVideoSharesTheReceivedBuffer(Side side) {
        byte[] prefix = side == Side.CAMERA ? ascii(SDK_PREAMBLE) : new byte[0];
        decodedContentIsASliceOfTheReceivedBuffer(side, prefix, videoFrame(1460), 12 + 36,
                m -> assertInstanceOf(FoscVideoData.class, m).data());
    }

    @Test
    void decodedVideoSharesTheReceivedBufferBehindAnHttp200Block() {
        decodedContentIsASliceOfTheReceivedBuffer(Side.CLIENT, ascii(HTTP_200), videoFrame(1460), 12 + 36,
                m -> assertInstanceOf(FoscVideoData.class, m).data());
    }

    @Test
    void decodedAudioTalkAndUnknownShareTheReceivedBuffer() {
        decodedContentIsASliceOfTheReceivedBuffer(Side.BARE, new byte[0], audioFrame(960), 12 + 36,
                m -> assertInstanceOf(FoscAudioData.class, m).content());
        decodedContentIsASliceOfTheReceivedBuffer(Side.BARE, new byte[0], talkFrame(120), 12 + 4,
                m -> assertInstanceOf(FoscTalkData.class, m).content());
        decodedContentIsASliceOfTheReceivedBuffer(Side.BARE, new byte[0], frame(200, pattern(300, 1)), 12,
                m -> assertInstanceOf(FoscUnknownMessage.class, m).content());
    }

    @Test
    void largeVideoFrameIsNotCopied() {
        decodedContentIsASliceOfTheReceivedBuffer(Side.BARE, new byte[0], videoFrame(524_288), 12 + 36,
                m -> assertInstanceOf(FoscVideoData.class, m).data());
    }

    @Test
    void twoFramesInOneBufferAreSlicesOfIt() {
        EmbeddedChannel ch = Side.BARE.newChannel();
        ByteBuf in = ALLOC.directBuffer().writeBytes(concat(videoFrame(100), videoFrame(200)));
        in.retain();
        try {
            ch.writeInbound(in);
            FoscVideoData first = ch.readInbound();
            FoscVideoData second = ch.readInbound();
            try {
                assertShares(in, 48, first.data());
                assertShares(in, 148 + 48, second.data());
            } finally {
                first.release();
                second.release();
            }
        } finally {
            in.release();
        }
        assertFinished(ch);
    }

    /**
     * A frame that arrives in two reads, the second holding all of its H.264 data (what the client's receive
     * buffers aim for): the data is a plain slice of the second buffer, no copy and no composite.
     */
    @ParameterizedTest
    @EnumSource(Side.class)
    void aFrameWhoseDataArrivesInItsOwnReadIsASliceOfThatRead(Side side) {
        EmbeddedChannel ch = side.newChannel();
        byte[] prefix = side == Side.CAMERA ? ascii(SDK_PREAMBLE) : new byte[0];
        byte[] frame = videoFrame(10_000);
        ByteBuf head = ALLOC.directBuffer().writeBytes(concat(prefix, java.util.Arrays.copyOf(frame, 48)));
        ByteBuf data = ALLOC.directBuffer().writeBytes(frame, 48, frame.length - 48);
        data.retain();
        try {
            ch.writeInbound(head);
            assertNull(ch.readInbound(), "nothing before the frame is whole");
            ch.writeInbound(data);
            FoscVideoData video = assertInstanceOf(FoscVideoData.class, ch.readInbound());
            try {
                assertTrue(!(video.data().unwrap() instanceof CompositeByteBuf), "a slice of one buffer");
                assertShares(data, 0, video.data());
            } finally {
                video.release();
            }
        } finally {
            data.release();
        }
        assertEquals(0, data.refCnt(), "every view of the received buffers was released");
        assertFinished(ch);
    }

    /**
     * A frame cut in the middle of its data, both pieces read in one burst: the data is a composite of views of
     * both reads, nothing copied.
     */
    @ParameterizedTest
    @EnumSource(Side.class)
    void aFrameCutInItsDataIsAViewOfBothReads(Side side) {
        EmbeddedChannel ch = side.newChannel();
        byte[] prefix = side == Side.CAMERA ? ascii(SDK_PREAMBLE) : new byte[0];
        byte[] frame = videoFrame(10_000);
        // a first frame on its own, so that the preamble handlers are gone before the burst
        ch.writeInbound(ALLOC.directBuffer().writeBytes(concat(prefix, frame(200, pattern(10, 1)))));
        io.netty.util.ReferenceCountUtil.release(ch.readInbound());
        int cut = 5_000;
        ByteBuf first = ALLOC.directBuffer().writeBytes(java.util.Arrays.copyOf(frame, cut));
        ByteBuf second = ALLOC.directBuffer().writeBytes(frame, cut, frame.length - cut);
        first.retain();
        second.retain();
        try {
            ch.pipeline().fireChannelRead(first);
            ch.pipeline().fireChannelRead(second);
            ch.pipeline().fireChannelReadComplete();
            FoscVideoData video = assertInstanceOf(FoscVideoData.class, ch.readInbound());
            try {
                ByteBuf view = video.data();
                assertArrayEquals(java.util.Arrays.copyOfRange(frame, 48, frame.length), ByteBufUtil.getBytes(view));
                int firstOffset = 48;
                first.setByte(firstOffset, 0x11);
                second.setByte(0, 0x22);
                assertEquals(0x11, view.getByte(view.readerIndex()), "a write to the first read shows");
                assertEquals(0x22, view.getByte(view.readerIndex() + cut - 48), "a write to the second read shows");
            } finally {
                video.release();
            }
        } finally {
            first.release();
            second.release();
        }
        assertEquals(0, first.refCnt(), "the first read was released with the frame");
        assertEquals(0, second.refCnt(), "the second read was released with the frame");
        assertFinished(ch);
    }

    /**
     * A frame still incomplete when a read burst ends is moved out of the receive buffer, which is released at once
     * (it would otherwise pin that buffer, and the allocator chunk it was cut from, until the channel's next turn);
     * the frame still decodes whole.
     */
    @ParameterizedTest
    @EnumSource(Side.class)
    void aFrameIncompleteAtTheEndOfAReadBurstDoesNotPinTheReceiveBuffer(Side side) {
        EmbeddedChannel ch = side.newChannel();
        byte[] prefix = side == Side.CAMERA ? ascii(SDK_PREAMBLE) : new byte[0];
        byte[] frame = videoFrame(10_000);
        int cut = 5_000;
        ByteBuf first = ALLOC.directBuffer().writeBytes(concat(prefix, java.util.Arrays.copyOf(frame, cut)));
        first.retain();
        try {
            ch.writeInbound(first); // one burst: channelRead, then channelReadComplete
            assertEquals(1, first.refCnt(), "only the test's own reference is left on the first read");
            ch.writeInbound(ALLOC.directBuffer().writeBytes(frame, cut, frame.length - cut));
            FoscVideoData video = assertInstanceOf(FoscVideoData.class, ch.readInbound());
            try {
                assertArrayEquals(java.util.Arrays.copyOfRange(frame, 48, frame.length),
                        ByteBufUtil.getBytes(video.data()));
            } finally {
                video.release();
            }
        } finally {
            first.release();
        }
        assertFinished(ch);
    }

    // ---- encoder ----

    private static void encoderEmitsHeaderThenThePayloadItself(ByteBufHolder msg, int headerLength) {
        ByteBuf payload = msg.content();
        payload.retain(); // ours, to look through after the encoder released the message
        EmbeddedChannel ch = new EmbeddedChannel(new FoscCodec());
        try {
            assertTrue(ch.writeOutbound(msg));
            ByteBuf header = ch.readOutbound();
            ByteBuf body = ch.readOutbound();
            try {
                assertNull(ch.readOutbound());
                assertEquals(headerLength, header.readableBytes());
                assertEquals(payload.readableBytes(), body.readableBytes());
                assertNotSame(payload, body);
                assertShares(payload, payload.readerIndex(), body);
                assertEquals(payload.readableBytes() + headerLength - 12, header.getIntLE(8),
                        "the header's length covers the payload written separately");
            } finally {
                header.release();
                body.release();
            }
        } finally {
            payload.release();
        }
        assertEquals(0, payload.refCnt(), "the encoder released the message");
        assertFinished(ch);
    }

    @Test
    void encoderWritesVideoPayloadWithoutCopying() {
        encoderEmitsHeaderThenThePayloadItself(new FoscVideoData(FoscMediaHeader.video(1, true, 2, 3, 4, 5),
                ALLOC.directBuffer().writeBytes(pattern(65_536, 1))), 12 + 36);
    }

    @Test
    void encoderWritesAudioTalkAndUnknownPayloadsWithoutCopying() {
        encoderEmitsHeaderThenThePayloadItself(new FoscAudioData(FoscMediaHeader.audio(1),
                ALLOC.directBuffer().writeBytes(pattern(960, 2))), 12 + 36);
        encoderEmitsHeaderThenThePayloadItself(new FoscTalkData(ALLOC.directBuffer().writeBytes(pattern(120, 3))),
                12 + 4);
        encoderEmitsHeaderThenThePayloadItself(new FoscUnknownMessage(FoscCommand.valueOf(23),
                ALLOC.heapBuffer().writeBytes(pattern(33, 4))), 12);
    }

    @Test
    void encoderWritesAPayloadWithAReaderOffsetWithoutCopying() {
        ByteBuf data = ALLOC.directBuffer().writeBytes(pattern(500, 5));
        data.skipBytes(100); // only the readable part is the payload
        encoderEmitsHeaderThenThePayloadItself(new FoscVideoData(FoscMediaHeader.video(1, false, 2, 3, 4, 5), data),
                12 + 36);
    }

    @Test
    void emptyPayloadWritesOnlyTheHeader() {
        EmbeddedChannel ch = new EmbeddedChannel(new FoscCodec());
        ch.writeOutbound(new FoscVideoData(FoscMediaHeader.video(1, false, 2, 3, 4, 5), ALLOC.buffer(0)));
        ByteBuf header = ch.readOutbound();
        assertEquals(48, header.readableBytes());
        header.release();
        assertNull(ch.readOutbound());
        assertFinished(ch);
    }

    @Test
    void clientPipelineWritesThePayloadItselfAfterThePreamble() {
        EmbeddedChannel client = FoscTestSupport.client(FoscCodecOptions.builder().hostHeader("h:88").build());
        FoscTestSupport.drainOutbound(client); // the preamble
        ByteBuf payload = ALLOC.directBuffer().writeBytes(pattern(960, 6));
        payload.retain();
        try {
            client.writeAndFlush(new FoscTalkData(payload));
            ByteBuf header = client.readOutbound();
            ByteBuf body = client.readOutbound();
            try {
                assertEquals(16, header.readableBytes());
                assertShares(payload, 0, body);
            } finally {
                header.release();
                body.release();
            }
        } finally {
            payload.release();
        }
        assertFinished(client);
    }

    @Test
    void staticEncodeComposesWithoutCopying() {
        ByteBuf payload = ALLOC.directBuffer().writeBytes(pattern(2000, 7));
        FoscVideoData video = new FoscVideoData(FoscMediaHeader.video(9, true, 1, 1, 1, 1), payload);
        ByteBuf encoded = FoscFrames.encode(video, ALLOC);
        try {
            CompositeByteBuf composite = assertInstanceOf(CompositeByteBuf.class, unwrapLeakAware(encoded));
            assertEquals(2, composite.numComponents());
            assertShares(payload, 0, composite.internalComponent(1));
            assertEquals(48 + 2000, encoded.readableBytes());
        } finally {
            encoded.release();
            video.release(); // FoscFrames.encode does not release its argument
        }
        assertEquals(0, payload.refCnt());
    }

    /** Leak detection wraps buffers; look through the wrapper. */
    private static ByteBuf unwrapLeakAware(ByteBuf buf) {
        ByteBuf b = buf;
        while (!(b instanceof CompositeByteBuf) && b.unwrap() != null) {
            b = b.unwrap();
        }
        return b;
    }
}
