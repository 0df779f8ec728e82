package dev.fosc.client.internal;

import dev.fosc.client.FoscMotionEvent;
import dev.fosc.codec.FoscAudioData;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.codec.FoscVideoData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.util.IllegalReferenceCountException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the session's frames and events count against the byte marks. */
class FoscDeliveryWeigherTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    @Test
    void videoPinsItsReceiveBufferAndHoldsNothingElse() {
        ByteBuf received = ALLOC.buffer(8192, 8192).writeZero(5000);
        DefaultFoscVideoFrame frame = DefaultFoscVideoFrame.owning(new FoscVideoData(
                FoscMediaHeader.video(1, true, 640, 360, 25, 0), received.retainedSlice(100, 4000)));
        ByteBuf shared = FoscDelivery.VIDEO_WEIGHER.sharedBuffer(frame);
        assertSame(FoscFlowPublisher.root(received), FoscFlowPublisher.root(shared));
        assertEquals(8192, FoscFlowPublisher.root(shared).capacity(), "the whole receive buffer");
        assertEquals(0, FoscDelivery.VIDEO_WEIGHER.ownBytes(frame));
        assertTrue(frame.release());
        assertTrue(received.release());
    }

    @Test
    void aBorrowedVideoFramePinsItsReceiveBufferOnlyOnceRetained() {
        ByteBuf received = ALLOC.buffer(8192, 8192).writeZero(5000);
        DefaultFoscVideoFrame frame = DefaultFoscVideoFrame.borrowed(FoscMediaHeader.video(1, true, 640, 360, 25, 0),
                received, 100, 4000);
        assertSame(FoscFlowPublisher.root(received), FoscFlowPublisher.root(FoscDelivery.VIDEO_WEIGHER
                .sharedBuffer(frame)));
        assertEquals(1, received.refCnt(), "borrowed: the receive buffer's count is untouched");
        frame.retain();
        assertEquals(2, received.refCnt(), "retained: the frame pins the receive buffer");
        frame.retain();
        assertEquals(2, received.refCnt(), "pinned once, whatever the frame's count");
        assertFalse(frame.release());
        assertFalse(frame.release());
        assertEquals(2, received.refCnt());
        assertTrue(frame.release());
        assertEquals(1, received.refCnt(), "the last release unpins it");
        assertThrows(IllegalReferenceCountException.class, frame::retain);
        assertTrue(received.release());
    }

    @Test
    void aBorrowedVideoFrameThatIsNotKeptNeverTouchesTheReceiveBuffer() {
        ByteBuf received = ALLOC.buffer(1024, 1024).writeZero(1000);
        DefaultFoscVideoFrame frame = DefaultFoscVideoFrame.borrowed(FoscMediaHeader.video(1, false, 640, 360, 25, 0),
                received, 48, 600);
        assertEquals(600, frame.data().readableBytes());
        assertTrue(frame.release());
        assertEquals(1, received.refCnt());
        assertThrows(IllegalReferenceCountException.class, frame::release);
        assertTrue(received.release());
    }

    @Test
    void g726AudioAlsoCountsItsDecodedPcmButPcmAudioDoesNot() {
        ByteBuf received = ALLOC.buffer(4096, 4096).writeZero(2000);
        ByteBuf pcm = ALLOC.buffer(960, 960).writeZero(960);
        DefaultFoscAudioFrame g726 = new DefaultFoscAudioFrame(new FoscAudioData(FoscMediaHeader.audio(1),
                received.retainedSlice(0, 120)), pcm);
        assertSame(FoscFlowPublisher.root(received), FoscFlowPublisher.root(FoscDelivery.AUDIO_WEIGHER
                .sharedBuffer(g726)));
        assertEquals(960, FoscDelivery.AUDIO_WEIGHER.ownBytes(g726));
        DefaultFoscAudioFrame plain = new DefaultFoscAudioFrame(new FoscAudioData(FoscMediaHeader.audio(2),
                received.retainedSlice(200, 960)), null);
        assertEquals(0, FoscDelivery.AUDIO_WEIGHER.ownBytes(plain), "PCM as received: only the pinned buffer");
        DefaultFoscAudioFrame unknown = new DefaultFoscAudioFrame(new FoscAudioData(FoscMediaHeader.audio(3),
                received.retainedSlice(1200, 7)), Unpooled.EMPTY_BUFFER);
        assertEquals(0, FoscDelivery.AUDIO_WEIGHER.ownBytes(unknown));
        assertTrue(g726.release());
        assertTrue(plain.release());
        assertTrue(unknown.release());
        assertTrue(received.release());
        assertEquals(0, pcm.refCnt());
    }

    @Test
    void eventsCountANominalSize() {
        FoscMotionEvent motion = new FoscMotionEvent(Instant.now(), "0100001e");
        assertNull(FoscDelivery.EVENT_WEIGHER.sharedBuffer(motion));
        assertEquals(FoscDelivery.EVENT_NOMINAL_BYTES, FoscDelivery.EVENT_WEIGHER.ownBytes(motion));
    }
}
