package dev.fosc.client.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bounded per-subscriber buffers, their water marks and the release of what they hold. */
class FoscFlowPublisherTest {

    private final EmbeddedChannel ch = new EmbeddedChannel();
    private final List<String> pressure = new ArrayList<>();
    private final FoscBackPressure recorder = new FoscBackPressure() {
        @Override
        public void subscriberFull() {
            pressure.add("full");
        }

        @Override
        public void subscriberDrained() {
            pressure.add("drained");
        }

        @Override
        public void dropped(boolean video) {
            pressure.add(video ? "dropVideo" : "drop");
        }
    };
    private final List<ByteBuf> offered = new ArrayList<>();

    @AfterEach
    void releaseEverything() {
        for (ByteBuf b : offered) {
            assertEquals(1, b.refCnt(), "the publisher gave back every retain");
            b.release();
        }
        assertFalse(ch.finish());
    }

    private FoscFlowPublisher<ByteBuf> publisher(int high, int low, int max, boolean dropUntilKey) {
        return new FoscFlowPublisher<>(ch.eventLoop(), "test", high, low, max,
                dropUntilKey ? b -> b.getByte(0) == 'K' : null, recorder);
    }

    /** Offers an item the test owns (refCnt 1 stays with the test). */
    private void offer(FoscFlowPublisher<ByteBuf> p, char kind) {
        ByteBuf b = Unpooled.buffer(1).writeByte(kind);
        offered.add(b);
        p.offer(b);
    }

    private static final class Recorder implements Flow.Subscriber<ByteBuf> {
        final List<String> seen = new ArrayList<>();
        Flow.Subscription subscription;
        boolean throwOnNext;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            seen.add("subscribe");
        }

        @Override
        public void onNext(ByteBuf item) {
            assertTrue(item.refCnt() >= 2, "borrowed while in the buffer and during onNext");
            seen.add(String.valueOf((char) item.getByte(0)));
            if (throwOnNext) {
                throw new IllegalStateException("application bug");
            }
        }

        @Override
        public void onError(Throwable t) {
            seen.add("error:" + t.getClass().getSimpleName());
        }

        @Override
        public void onComplete() {
            seen.add("complete");
        }
    }

    private Recorder subscribe(FoscFlowPublisher<ByteBuf> p) {
        Recorder r = new Recorder();
        p.subscribe(r);
        ch.runPendingTasks();
        return r;
    }

    @Test
    void buffersUntilRequestedAndReleasesAfterOnNext() {
        FoscFlowPublisher<ByteBuf> p = publisher(8, 2, 16, false);
        Recorder r = subscribe(p);
        offer(p, 'a');
        offer(p, 'b');
        offer(p, 'c');
        assertEquals(List.of("subscribe"), r.seen);
        r.subscription.request(2);
        assertEquals(List.of("subscribe", "a", "b"), r.seen);
        r.subscription.request(Long.MAX_VALUE);
        offer(p, 'd');
        assertEquals(List.of("subscribe", "a", "b", "c", "d"), r.seen);
        assertEquals(List.of(), pressure);
    }

    @Test
    void highWaterMarkAsksForAPauseAndTheLowMarkResumes() {
        FoscFlowPublisher<ByteBuf> p = publisher(4, 1, 16, false);
        Recorder r = subscribe(p);
        for (char c : "abcd".toCharArray()) {
            offer(p, c);
        }
        assertEquals(List.of("full"), pressure);
        offer(p, 'e'); // arrives after the pause (already read): still buffered
        r.subscription.request(3);
        assertEquals(List.of("full"), pressure, "2 left > low mark 1");
        r.subscription.request(1);
        assertEquals(List.of("full", "drained"), pressure);
        r.subscription.cancel();
    }

    @Test
    void hardCapDropsAndCounts() {
        FoscFlowPublisher<ByteBuf> p = publisher(2, 1, 3, false);
        subscribe(p);
        for (char c : "abcd".toCharArray()) {
            offer(p, c);
        }
        assertEquals(List.of("full", "drop"), pressure);
        p.complete();
    }

    @Test
    void videoDropsUntilTheNextKeyFrameThatFits() {
        FoscFlowPublisher<ByteBuf> p = publisher(2, 1, 16, true);
        Recorder r = subscribe(p);
        for (char c : "KdddK".toCharArray()) {
            offer(p, c);
        }
        assertEquals(List.of("dropVideo", "dropVideo", "dropVideo"), pressure, "K fills nothing while full");
        r.subscription.request(10);
        assertEquals(List.of("subscribe", "K", "d"), r.seen);
        offer(p, 'd');
        offer(p, 'K');
        offer(p, 'd');
        assertEquals(List.of("subscribe", "K", "d", "K", "d"), r.seen);
        assertFalse(pressure.contains("full"), "video drops instead of pausing");
        r.subscription.cancel();
    }

    @Test
    void cancelReleasesTheBufferAndEndsThePause() {
        FoscFlowPublisher<ByteBuf> p = publisher(2, 1, 16, false);
        Recorder r = subscribe(p);
        offer(p, 'a');
        offer(p, 'b');
        r.subscription.cancel();
        assertEquals(List.of("full", "drained"), pressure);
        offer(p, 'c');
        assertFalse(p.hasSubscribers());
    }

    @Test
    void nonPositiveRequestIsAnError() {
        FoscFlowPublisher<ByteBuf> p = publisher(2, 1, 16, false);
        Recorder r = subscribe(p);
        offer(p, 'a');
        r.subscription.request(0);
        assertEquals(List.of("subscribe", "error:IllegalArgumentException"), r.seen);
        assertFalse(p.hasSubscribers());
    }

    @Test
    void throwingSubscriberIsLoggedAndDeliveryGoesOn() {
        FoscFlowPublisher<ByteBuf> p = publisher(4, 1, 16, false);
        Recorder r = subscribe(p);
        r.throwOnNext = true;
        r.subscription.request(5);
        offer(p, 'a');
        offer(p, 'b');
        assertEquals(List.of("subscribe", "a", "b"), r.seen);
    }

    @Test
    void terminationReleasesAndLateSubscribersAreToldAtOnce() {
        FoscFlowPublisher<ByteBuf> p = publisher(4, 1, 16, false);
        Recorder r = subscribe(p);
        offer(p, 'a');
        p.fail(new IllegalStateException("refused"));
        assertEquals(List.of("subscribe", "error:IllegalStateException"), r.seen);
        Recorder late = subscribe(p);
        assertEquals(List.of("subscribe", "error:IllegalStateException"), late.seen);
        FoscFlowPublisher<ByteBuf> q = publisher(4, 1, 16, false);
        q.complete();
        assertInstanceOf(Recorder.class, late);
        assertEquals(List.of("subscribe", "complete"), subscribe(q).seen);
    }
}
