package dev.fosc.client.internal;

import dev.fosc.codec.FoscFrameDecoder;
import dev.fosc.codec.FoscStreamDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Read sizes of a camera connection: adaptive, except frame-sized while a large frame arrives quickly. */
class FoscReceiveBuffersTest {

    private final FoscFrameDecoder decoder = new FoscStreamDecoder();
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    /** The first {@code bytes} bytes of a VIDEO_DATA frame with {@code data} bytes of H.264. */
    private void receiveStartOfFrame(int data, int bytes) {
        ByteBuf frame = Unpooled.buffer();
        frame.writeIntLE(26).writeInt(0x464F5343).writeIntLE(36 + data);
        frame.writeLongLE(0).writeIntLE(data).writeIntLE(0).writeIntLE(1).writeIntLE(640).writeIntLE(360)
                .writeIntLE(25).writeIntLE(0);
        frame.writeZero(data);
        channel.writeInbound(frame.retainedSlice(0, bytes));
        frame.release();
        ReferenceCountUtil.release(channel.readInbound());
    }

    private RecvByteBufAllocator.Handle handle() {
        RecvByteBufAllocator.Handle handle = new FoscReceiveBuffers(decoder).newHandle();
        handle.reset(channel.config());
        return handle;
    }

    private static void read(RecvByteBufAllocator.Handle handle, int attempted, int read) {
        handle.attemptedBytesRead(attempted);
        handle.lastBytesRead(read);
    }

    @Test
    void aLargeFrameArrivingQuicklyIsReadToItsEndPlusTheNextHeaders() {
        RecvByteBufAllocator.Handle handle = handle();
        receiveStartOfFrame(65_536, 1_000);
        read(handle, 1_000, 1_000); // a read that filled its buffer
        assertEquals(12 + 36 + 65_536 - 1_000 + FoscReceiveBuffers.NEXT_HEADERS, handle.guess());
        RecvByteBufAllocator.Handle adaptive = adaptive();
        read(adaptive, 1_000, 1_000);
        read(handle, 65_000, 20_000); // a short read: bytes trickle in, back to the adaptive size
        read(adaptive, 65_000, 20_000);
        assertEquals(adaptive.guess(), handle.guess());
    }

    /** Netty's adaptive handle, fed the same reads: what the connection's reads are sized by otherwise. */
    private RecvByteBufAllocator.Handle adaptive() {
        RecvByteBufAllocator.Handle handle = new AdaptiveRecvByteBufAllocator().newHandle();
        handle.reset(channel.config());
        return handle;
    }

    @Test
    void aFrameNearlyCompleteStillAlignsTheNextRead() {
        RecvByteBufAllocator.Handle handle = handle();
        receiveStartOfFrame(65_536, 65_536); // 48 bytes missing: a read of 96 aligns the following reads
        read(handle, 65_536, 65_536);
        assertEquals(48 + FoscReceiveBuffers.NEXT_HEADERS, handle.guess());
    }

    @Test
    void smallFramesAndTheGapBetweenFramesUseTheAdaptiveSize() {
        RecvByteBufAllocator.Handle handle = handle();
        RecvByteBufAllocator.Handle adaptive = adaptive();
        int base = handle.guess();
        read(handle, base, base);
        read(adaptive, base, base);
        assertEquals(adaptive.guess(), handle.guess(), "between frames");
        int grown = handle.guess();
        receiveStartOfFrame(600, 100);
        read(handle, grown, grown);
        read(adaptive, grown, grown);
        assertEquals(adaptive.guess(), handle.guess(), "a 600-byte frame in flight does not size reads");
    }

    @Test
    void aFrameSizedReadIsCappedAt256KiB() {
        RecvByteBufAllocator.Handle handle = handle();
        receiveStartOfFrame(1_000_000, 1_000);
        read(handle, 1_000, 1_000);
        assertEquals(FoscReceiveBuffers.MAX_FRAME_READ, handle.guess());
    }
}
