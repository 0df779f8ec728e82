package dev.fosc.client.internal;

import dev.fosc.client.FoscMotionEvent;
import dev.fosc.client.FoscStream;
import dev.fosc.codec.FoscAudioData;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.codec.FoscVideoData;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the session's frames and events count against the byte marks. */
class FoscDeliveryWeigherTest {

    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    @Test
    void videoPinsItsReceiveBufferAndHoldsNothingElse() {
        ByteBuf received = ALLOC.buffer(8192, 8192).writeZero(5000);
        DefaultFoscVideoFrame frame = new DefaultFoscVideoFrame(new FoscVideoData(
                FoscMediaHeader.video(1, true, 640, 360, 25, 0), received.retainedSlice(100, 4000)), FoscStream.MAIN,
                false);
        ByteBuf shared = FoscDelivery.VIDEO_WEIGHER.sharedBuffer(frame);
        assertSame(FoscFlowPublisher.root(received), FoscFlowPublisher.root(shared));
        assertEquals(8192, FoscFlowPublisher.root(shared).capacity(), "the whole receive buffer");
        assertEquals(0, FoscDelivery.VIDEO_WEIGHER.ownBytes(frame));
        assertTrue(frame.release());
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
