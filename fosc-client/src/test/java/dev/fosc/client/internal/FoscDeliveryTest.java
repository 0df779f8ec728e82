package dev.fosc.client.internal;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.fosc.client.FoscAudioFrame;
import dev.fosc.client.FoscSession;
import dev.fosc.client.FoscSessionListener;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.client.FoscStream;
import dev.fosc.client.FoscVideoFrame;
import dev.fosc.codec.FoscAudioData;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.codec.FoscMediaHeader;
import dev.fosc.codec.FoscVideoData;
import dev.fosc.codec.G726Decoder;
import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Delivery to application code that misbehaves (issue 8, defect 8): it releases what it only borrowed, or throws
 * an {@code Error}. Whatever it does, nothing escapes to the connection (which would close it) and every received
 * buffer is freed (checked on the buffers themselves, and by the strict leak detection of the test JVM).
 */
class FoscDeliveryTest {

    private static final FoscSessionOptions OPTIONS = FoscSessionOptions.builder("cam",
            FoscCredentials.of("admin", "pw")).build();

    private final EmbeddedChannel ch = new EmbeddedChannel();
    private final ByteBufAllocator alloc = ch.alloc();
    private final List<ByteBuf> received = new ArrayList<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(FoscDelivery.class);
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    private Consumer<FoscVideoFrame> onVideo = f -> { };
    private Consumer<FoscAudioFrame> onAudio = f -> { };

    private final FoscDelivery delivery = new FoscDelivery(null, "cam:88", OPTIONS, new FoscSessionListener() {
        @Override
        public void onVideoFrame(FoscSession session, FoscVideoFrame frame) {
            onVideo.accept(frame);
        }

        @Override
        public void onAudioFrame(FoscSession session, FoscAudioFrame frame) {
            onAudio.accept(frame);
        }
    }, ch.eventLoop(), new FoscSessionCounters(), () -> { });

    @BeforeEach
    void captureLogs() {
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void everyReceivedBufferIsFreed() {
        logger.detachAppender(log);
        delivery.complete();
        ch.runPendingTasks();
        for (ByteBuf b : received) {
            assertEquals(0, b.refCnt(), "a received buffer is still pinned");
        }
        assertFalse(ch.finish());
    }

    /** A receive buffer as the decoder leaves it: the frame holds a retained slice, the decoder let go of it. */
    private ByteBuf receive(int bytes) {
        ByteBuf buf = alloc.directBuffer(bytes + 16).writeZero(bytes + 16);
        received.add(buf);
        ByteBuf slice = buf.retainedSlice(16, bytes);
        buf.release();
        return slice;
    }

    private FoscVideoData video(int i) {
        return new FoscVideoData(FoscMediaHeader.video(i, true, 640, 360, 25, 1000), receive(100));
    }

    private FoscAudioData g726(int i) {
        return new FoscAudioData(FoscMediaHeader.audio(i), receive(G726Decoder.G726_BLOCK_BYTES));
    }

    private FoscAudioData pcm(int i) {
        return new FoscAudioData(FoscMediaHeader.audio(i), receive(G726Decoder.PCM_BLOCK_BYTES));
    }

    /** Subscribes (the publisher hands that to the loop) and lets the loop run it. */
    private <T> void subscribe(Flow.Publisher<T> publisher, Flow.Subscriber<? super T> subscriber) {
        publisher.subscribe(subscriber);
        ch.runPendingTasks();
    }

    private long warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).count();
    }

    /** Records what it is given; with {@code release}, releases each item (a bug: it was only borrowed). */
    private static class Subscriber<T> implements Flow.Subscriber<T> {
        final boolean release;
        final boolean request;
        final List<Object> seen = new ArrayList<>();
        Flow.Subscription subscription;

        Subscriber(boolean release, boolean request) {
            this.release = release;
            this.request = request;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (request) {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(T item) {
            seen.add(item.toString());
            if (release) {
                io.netty.util.ReferenceCountUtil.release(item);
            }
        }

        @Override
        public void onError(Throwable t) {
            seen.add("error");
        }

        @Override
        public void onComplete() {
            seen.add("complete");
        }
    }

    @Test
    void aListenerThatReleasesABorrowedVideoFrameIsLoggedOnceAndNothingIsThrown() {
        Subscriber<FoscVideoFrame> sub = new Subscriber<>(false, true);
        subscribe(delivery.video(), sub);
        onVideo = FoscVideoFrame::release;
        for (int i = 0; i < 3; i++) {
            delivery.message(video(i), FoscStream.MAIN, alloc); // before: IllegalReferenceCountException
        }
        assertEquals(List.of(), sub.seen, "a released frame is not handed on");
        assertEquals(1, warnings(), "once per session: " + log.list);
        onVideo = f -> { };
        delivery.message(video(3), FoscStream.MAIN, alloc);
        assertEquals(1, sub.seen.size(), "delivery goes on: " + sub.seen);
    }

    @Test
    void aListenerThatReleasesTheBuffersOfBorrowedFramesIsLoggedAndNothingIsThrown() {
        Subscriber<Object> sub = new Subscriber<>(false, true);
        subscribe(delivery.video(), sub);
        subscribe(delivery.audio(), sub);
        onVideo = f -> f.data().release();
        onAudio = f -> f.pcm().release();
        delivery.message(video(0), FoscStream.MAIN, alloc);
        delivery.message(g726(1), FoscStream.MAIN, alloc);
        delivery.message(pcm(2), FoscStream.MAIN, alloc);
        onAudio = FoscAudioFrame::release;
        delivery.message(g726(3), FoscStream.MAIN, alloc);
        assertEquals(List.of(), sub.seen);
        assertEquals(1, warnings(), log.list.toString());
    }

    @Test
    void aSubscriberThatReleasesABorrowedItemIsLoggedAndDeliveryGoesOn() {
        Subscriber<FoscVideoFrame> releasing = new Subscriber<>(true, true);
        subscribe(delivery.video(), releasing);
        for (int i = 0; i < 3; i++) {
            delivery.message(video(i), FoscStream.MAIN, alloc); // before: IllegalReferenceCountException
        }
        assertEquals(3, releasing.seen.size(), releasing.seen.toString());
        assertEquals(1, warnings(), log.list.toString());
    }

    @Test
    void aFrameASubscriberFreedWhileAnotherBuffersItDoesNotBreakTheSessionsClose() {
        Subscriber<FoscVideoFrame> waiting = new Subscriber<>(false, false);
        Subscriber<FoscVideoFrame> releasing = new Subscriber<>(true, true);
        subscribe(delivery.video(), waiting); // buffers the frame, which the other one then frees
        subscribe(delivery.video(), releasing);
        delivery.message(video(0), FoscStream.MAIN, alloc);
        delivery.complete(); // before: IllegalReferenceCountException out of the buffer's release, no onComplete
        ch.runPendingTasks();
        assertEquals(List.of("complete"), waiting.seen);
        assertEquals(2, releasing.seen.size(), releasing.seen.toString());
        assertEquals(1, warnings(), log.list.toString());
    }

    @Test
    void aFrameASubscriberFreedIsNotOfferedToTheNextSubscriber() {
        Subscriber<FoscVideoFrame> releasing = new Subscriber<>(true, true);
        Subscriber<FoscVideoFrame> next = new Subscriber<>(false, true);
        subscribe(delivery.video(), releasing);
        subscribe(delivery.video(), next);
        delivery.message(video(0), FoscStream.MAIN, alloc); // before: IllegalReferenceCountException
        assertEquals(List.of(), next.seen, "the frame was dead before its turn");
        assertEquals(1, warnings(), log.list.toString());
    }

    @Test
    void anErrorThrownByTheListenerOrASubscriberStillReleasesTheFrame() {
        Subscriber<Object> sub = new Subscriber<>(false, true) {
            @Override
            public void onNext(Object item) {
                super.onNext(item);
                throw new OutOfMemoryError("the application's onNext");
            }
        };
        subscribe(delivery.video(), sub);
        subscribe(delivery.audio(), sub);
        onVideo = f -> {
            throw new OutOfMemoryError("the application's onVideoFrame");
        };
        onAudio = f -> {
            throw new StackOverflowError();
        };
        delivery.message(video(0), FoscStream.MAIN, alloc);
        delivery.message(g726(1), FoscStream.MAIN, alloc);
        delivery.message(pcm(2), FoscStream.MAIN, alloc);
        assertEquals(3, sub.seen.size(), "the subscriber still gets them: " + sub.seen);
    }

    @Test
    void anOutOfDirectMemoryErrorWhileDecodingG726ReleasesTheReceivedFrame() {
        OutOfMemoryError oom = new OutOfMemoryError("failed to allocate 960 byte(s) of direct memory");
        ByteBufAllocator exhausted = new AbstractByteBufAllocator(true) {
            @Override
            protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
                throw oom;
            }

            @Override
            protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
                throw oom;
            }

            @Override
            public boolean isDirectBufferPooled() {
                return false;
            }
        };
        FoscAudioData data = g726(0);
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> delivery.message(data, FoscStream.MAIN,
                exhausted)));
        assertEquals(0, data.refCnt(), "before: the received frame stayed pinned (only RuntimeExceptions released it)");
    }
}
