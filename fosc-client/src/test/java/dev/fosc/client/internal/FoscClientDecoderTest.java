package dev.fosc.client.internal;

import dev.fosc.client.FoscVideoFrame;
import dev.fosc.codec.FoscAudioData;
import dev.fosc.codec.FoscFrameDecoder;
import dev.fosc.codec.FoscInvalidMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's decoder hands a video frame that arrived in one read on as a borrowed {@link DefaultFoscVideoFrame}
 * over the receive buffer, and everything else as {@link dev.fosc.codec.FoscStreamDecoder} does.
 */
class FoscClientDecoderTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    /** A VIDEO_DATA frame whose media header says {@code declared} video bytes, followed by {@code data}. */
    private static void writeVideo(ByteBuf out, long timestamp, byte[] data, int declared) {
        writeMedia(out, 26, timestamp, data, declared, 0);
    }

    private static void writeMedia(ByteBuf out, int command, long timestamp, byte[] data, int videoLength,
                                   int audioLength) {
        out.writeIntLE(command).writeBytes("FOSC".getBytes(StandardCharsets.US_ASCII)).writeIntLE(36 + data.length);
        out.writeLongLE(timestamp).writeIntLE(videoLength).writeIntLE(audioLength).writeIntLE(1).writeIntLE(640)
                .writeIntLE(360).writeIntLE(25).writeIntLE(2_000_000);
        out.writeBytes(data);
    }

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    /**
     * A channel in which each message, handed to the video sink or fired to the next handler, is looked at while it is
     * handed over and then released.
     */
    private static EmbeddedChannel channel(Consumer<Object> during) {
        return new EmbeddedChannel(new FoscClientDecoder(FoscFrameDecoder.DEFAULT_MAX_PAYLOAD_LENGTH,
                frame -> look(during, frame)), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        look(during, msg);
                    }
                });
    }

    private static void look(Consumer<Object> during, Object msg) {
        try {
            during.accept(msg);
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Test
    void aVideoFrameInOneReadIsABorrowedFrameOverTheReceiveBuffer() {
        byte[] first = pattern(600, 1);
        byte[] second = pattern(1000, 2);
        ByteBuf in = ALLOC.directBuffer();
        writeVideo(in, 40, first, first.length);
        writeVideo(in, 80, second, second.length);
        List<String> seen = new ArrayList<>();
        EmbeddedChannel ch = channel(msg -> {
            DefaultFoscVideoFrame frame = assertInstanceOf(DefaultFoscVideoFrame.class, msg);
            assertEquals(1, in.refCnt(), "the receive buffer's count is not touched for a frame that is not kept");
            assertTrue(frame.isKeyFrame());
            assertEquals(640, frame.width());
            assertEquals(frame.data().readableBytes(), frame.header().videoLength());
            byte[] expected = frame.timestamp() == 40 ? first : second;
            assertArrayEquals(expected, ByteBufUtil.getBytes(frame.data()));
            long offset = frame.timestamp() == 40 ? 48 : 648 + 48; // the second frame starts after the first (12 + 36 + 600)
            if (in.hasMemoryAddress()) {
                assertEquals(in.memoryAddress() + offset, frame.data().memoryAddress() + frame.data().readerIndex(),
                        "the data is the receive buffer's memory, not a copy");
            }
            seen.add("video@" + frame.timestamp());
        });
        ch.writeInbound(in);
        assertEquals(List.of("video@40", "video@80"), seen);
        assertEquals(0, in.refCnt(), "released by the decoder once the read was handled");
        assertFalse(ch.finish());
    }

    @Test
    void aFrameKeptBeyondTheReadPinsTheReceiveBufferUntilReleased() {
        byte[] data = pattern(600, 3);
        ByteBuf in = ALLOC.directBuffer();
        writeVideo(in, 7, data, data.length);
        List<FoscVideoFrame> kept = new ArrayList<>();
        EmbeddedChannel ch = channel(msg -> kept.add(((FoscVideoFrame) msg).retain()));
        ch.writeInbound(in);
        FoscVideoFrame frame = kept.get(0);
        assertEquals(1, in.refCnt(), "pinned by the kept frame");
        assertArrayEquals(data, ByteBufUtil.getBytes(frame.data()));
        assertTrue(frame.release());
        assertEquals(0, in.refCnt(), "the frame's last release unpins it");
        assertFalse(ch.finish());
    }

    @Test
    void videoWhoseHeaderDisagreesWithItsLengthIsInvalidAsEverywhere() {
        ByteBuf in = ALLOC.buffer();
        writeVideo(in, 1, pattern(100, 4), 99);
        List<Object> seen = new ArrayList<>();
        EmbeddedChannel ch = channel(msg -> seen.add(((FoscInvalidMessage) msg).command().name()));
        ch.writeInbound(in);
        assertEquals(List.of("VIDEO_DATA"), seen);
        assertFalse(ch.finish());
    }

    @Test
    void videoThatSpansReadsIsBorrowedTooAndAudioIsTheCodecsMessage() {
        byte[] video = pattern(3000, 5);
        ByteBuf frames = ALLOC.buffer();
        writeVideo(frames, 9, video, video.length);
        writeMedia(frames, 27, 10, pattern(960, 6), 0, 960);
        List<String> seen = new ArrayList<>();
        EmbeddedChannel ch = channel(msg -> {
            if (msg instanceof DefaultFoscVideoFrame) {
                DefaultFoscVideoFrame frame = (DefaultFoscVideoFrame) msg;
                assertEquals(9, frame.timestamp());
                assertArrayEquals(video, ByteBufUtil.getBytes(frame.data()));
                seen.add("video");
            } else {
                seen.add(assertInstanceOf(FoscAudioData.class, msg).getClass().getSimpleName());
            }
        });
        ch.writeInbound(frames.retainedSlice(0, 1000)); // the header and part of the data
        ch.writeInbound(frames.retainedSlice(1000, 1500)); // more data: the frame's data spans reads
        ch.writeInbound(frames.retainedSlice(2500, frames.readableBytes() - 2500));
        frames.release();
        assertEquals(List.of("video", "FoscAudioData"), seen);
        assertFalse(ch.finish());
    }
}
