package dev.fosc.client.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
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
import static org.junit.jupiter.api.Assertions.assertSame;
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
        return publisher(high, low, max, Long.MAX_VALUE - 1, Long.MAX_VALUE - 2, Long.MAX_VALUE, dropUntilKey);
    }

    /**
     * Items are ByteBufs that pin their own root buffer, except those starting with 'E' ("events"): no buffer,
     * {@value #EVENT_BYTES} bytes of their own.
     */
    private FoscFlowPublisher<ByteBuf> publisher(int high, int low, int max, long highBytes, long lowBytes,
                                                 long maxBytes, boolean dropUntilKey) {
        return new FoscFlowPublisher<>(ch.eventLoop(), "test", high, low, max, lowBytes < highBytes ? highBytes
                : lowBytes + 1, lowBytes, maxBytes, WEIGHER, dropUntilKey ? b -> b.getByte(0) == 'K' : null, recorder);
    }

    private static final int EVENT_BYTES = 50;
    private static final FoscFlowPublisher.Weigher<ByteBuf> WEIGHER = new FoscFlowPublisher.Weigher<>() {
        @Override
        public ByteBuf sharedBuffer(ByteBuf item) {
            return item.getByte(0) == 'E' ? null : item;
        }

        @Override
        public int ownBytes(ByteBuf item) {
            return item.getByte(0) == 'E' ? EVENT_BYTES : 0;
        }
    };

    private final List<ByteBuf> roots = new ArrayList<>();
    private final List<ByteBuf> slices = new ArrayList<>();

    /** A receive buffer of {@code capacity} bytes holding {@code items}, one byte each. */
    private ByteBuf root(int capacity, String items) {
        ByteBuf root = ch.alloc().directBuffer(capacity, capacity);
        root.writeCharSequence(items, java.nio.charset.StandardCharsets.US_ASCII);
        roots.add(root);
        return root;
    }

    /** Offers the {@code i}-th item of {@code root} as a retained slice the test owns. */
    private void offerSlice(FoscFlowPublisher<ByteBuf> p, ByteBuf root, int i) {
        ByteBuf slice = root.retainedSlice(i, 1);
        slices.add(slice);
        p.offer(slice);
    }

    /** Releases the test's slices and roots: every buffer freed, nothing left retained by the publisher. */
    private void releaseSlicesAndRoots() {
        slices.forEach(ByteBuf::release);
        for (ByteBuf root : roots) {
            assertTrue(root.release(), "the publisher gave back every retain of " + root);
        }
        slices.clear();
        roots.clear();
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
    void aTerminalSignalFromInsideOnNextWaitsUntilOnNextReturns() {
        for (boolean fail : new boolean[] {false, true}) {
            FoscFlowPublisher<ByteBuf> p = publisher(8, 2, 16, false);
            List<String> seen = new ArrayList<>();
            p.subscribe(new Flow.Subscriber<>() {
                @Override
                public void onSubscribe(Flow.Subscription s) {
                    s.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(ByteBuf item) {
                    seen.add("next-start");
                    if (fail) {
                        p.fail(new IllegalStateException("closed")); // as session.close() from inside onNext
                    } else {
                        p.complete();
                    }
                    seen.add("next-end");
                }

                @Override
                public void onError(Throwable t) {
                    seen.add("error");
                }

                @Override
                public void onComplete() {
                    seen.add("complete");
                }
            });
            ch.runPendingTasks();
            offer(p, 'a');
            offer(p, 'b');
            assertEquals(List.of("next-start", "next-end", fail ? "error" : "complete"), seen,
                    "serial signals, nothing after the terminal one");
        }
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
    void rootsAreFoundThroughSlicesOfSlices() {
        ByteBuf root = root(64, "abcdef");
        ByteBuf slice = root.retainedSlice(1, 4);
        ByteBuf sliceOfSlice = slice.retainedSlice(1, 2);
        ByteBuf duplicate = sliceOfSlice.duplicate();
        ByteBuf unwrapped = FoscFlowPublisher.root(root); // below the leak detector's wrapper, if any
        assertEquals(64, unwrapped.capacity());
        assertSame(unwrapped, FoscFlowPublisher.root(slice));
        assertSame(unwrapped, FoscFlowPublisher.root(sliceOfSlice));
        assertSame(unwrapped, FoscFlowPublisher.root(duplicate));
        assertSame(unwrapped, FoscFlowPublisher.root(unwrapped));
        sliceOfSlice.release();
        slice.release();
        releaseSlicesAndRoots();
    }

    @Test
    void anItemOverAFrameThatSpannedReadsCountsTheReceiveBuffersItPins() {
        FoscFlowPublisher<ByteBuf> p = publisher(100, 10, 1000, false);
        Recorder r = subscribe(p);
        ByteBuf first = root(4000, "ab");
        ByteBuf second = root(3000, "c");
        CompositeByteBuf frame = ch.alloc().compositeDirectBuffer(3);
        frame.addComponent(true, first.retainedSlice(0, 1)).addComponent(true, first.retainedSlice(1, 1))
                .addComponent(true, second.retainedSlice(0, 1)); // three bytes that pin 7,000
        ByteBuf item = frame.slice(0, 3);
        p.offer(item);
        assertEquals(7000, p.bufferedBytes(), "each receive buffer a piece lies in, once; not the composite's 3 bytes");
        r.subscription.request(1);
        assertEquals(0, p.bufferedBytes());
        assertTrue(frame.release());
        releaseSlicesAndRoots();
    }

    @Test
    void slicesOfOneRootCountItOnceUntilTheLastLeaves() {
        FoscFlowPublisher<ByteBuf> p = publisher(100, 10, 1000, 2500, 1000, 4000, false);
        Recorder r = subscribe(p);
        ByteBuf r1 = root(1000, "abc");
        offerSlice(p, r1, 0);
        assertEquals(1000, p.bufferedBytes(), "the whole receive buffer is pinned");
        offerSlice(p, r1, 1);
        offerSlice(p, r1, 2);
        assertEquals(1000, p.bufferedBytes(), "three slices of one buffer pin it once");
        offerSlice(p, root(1000, "d"), 0);
        assertEquals(List.of(), pressure);
        offerSlice(p, root(1000, "e"), 0);
        assertEquals(3000, p.bufferedBytes());
        assertEquals(List.of("full"), pressure, "3000 bytes >= the high mark 2500, though only 5 items");

        r.subscription.request(2);
        assertEquals(List.of("subscribe", "a", "b"), r.seen);
        assertEquals(3000, p.bufferedBytes(), "c still pins the buffer a and b came from");
        r.subscription.request(1);
        assertEquals(2000, p.bufferedBytes(), "the last item of the buffer left");
        assertEquals(List.of("full"), pressure, "2000 > low mark 1000");

        ByteBuf event = Unpooled.copiedBuffer(new byte[] {'E'});
        offered.add(event);
        p.offer(event);
        assertEquals(2000 + EVENT_BYTES, p.bufferedBytes(), "an event counts its nominal size");
        offerSlice(p, root(3000, "f"), 0);
        assertEquals(List.of("full", "drop"), pressure, "2050 + 3000 > cap 4000: dropped and counted");
        assertEquals(2000 + EVENT_BYTES, p.bufferedBytes());

        r.subscription.request(1);
        assertEquals(1000 + EVENT_BYTES, p.bufferedBytes());
        assertEquals(List.of("full", "drop"), pressure, "1050 > low mark 1000");
        r.subscription.request(1);
        assertEquals(List.of("full", "drop", "drained"), pressure, "50 bytes, 1 item: both low marks reached");
        r.subscription.request(1);
        assertEquals(List.of("subscribe", "a", "b", "c", "d", "e", "E"), r.seen);
        assertEquals(0, p.bufferedBytes());

        offerSlice(p, root(5000, "g"), 0);
        assertEquals(5000, p.bufferedBytes(), "an item larger than the cap still fits an empty buffer");
        assertEquals(List.of("full", "drop", "drained", "full"), pressure);
        r.subscription.cancel();
        assertEquals(0, p.bufferedBytes(), "cancel releases the bytes");
        assertEquals(List.of("full", "drop", "drained", "full", "drained"), pressure);
        releaseSlicesAndRoots();
    }

    @Test
    void interleavedRootsAreCountedOncePerRoot() {
        FoscFlowPublisher<ByteBuf> p = publisher(100, 10, 1000, 1 << 20, 1 << 19, 1 << 21, false);
        Recorder r = subscribe(p);
        ByteBuf r1 = root(1000, "ac");
        ByteBuf r2 = root(300, "b");
        offerSlice(p, r1, 0);
        offerSlice(p, r2, 0);
        offerSlice(p, r1, 1);
        assertEquals(1300, p.bufferedBytes());
        r.subscription.request(1);
        assertEquals(1300, p.bufferedBytes(), "c still pins r1");
        r.subscription.request(1);
        assertEquals(1000, p.bufferedBytes());
        r.subscription.request(1);
        assertEquals(0, p.bufferedBytes());
        assertEquals(List.of("subscribe", "a", "b", "c"), r.seen);
        p.complete();
        releaseSlicesAndRoots();
    }

    @Test
    void twoSubscribersEachCountWhatTheyHold() {
        FoscFlowPublisher<ByteBuf> p = publisher(100, 10, 1000, 1 << 20, 1 << 19, 1 << 21, false);
        Recorder a = subscribe(p);
        Recorder b = subscribe(p);
        offerSlice(p, root(1000, "x"), 0);
        assertEquals(2000, p.bufferedBytes(), "each subscriber's buffer pins it");
        a.subscription.request(1);
        assertEquals(1000, p.bufferedBytes());
        p.fail(new IllegalStateException("gone"));
        assertEquals(0, p.bufferedBytes(), "termination releases the bytes");
        assertEquals(List.of("subscribe", "error:IllegalStateException"), b.seen);
        releaseSlicesAndRoots();
    }

    @Test
    void dropUntilKeyFrameHonoursTheByteMarks() {
        FoscFlowPublisher<ByteBuf> p = publisher(100, 10, 1000, 1500, 500, 10_000, true);
        Recorder r = subscribe(p);
        offerSlice(p, root(1000, "K"), 0);
        offerSlice(p, root(1000, "d"), 0); // 1000 < 1500 before it: buffered
        offerSlice(p, root(1000, "d"), 0); // 2000 >= 1500: dropping starts
        offerSlice(p, root(1000, "K"), 0); // a key frame, but still above the mark
        assertEquals(List.of("dropVideo", "dropVideo"), pressure);
        assertEquals(2000, p.bufferedBytes());
        r.subscription.request(10);
        assertEquals(0, p.bufferedBytes());
        offerSlice(p, root(1000, "d"), 0); // below the marks now, but not a key frame
        offerSlice(p, root(1000, "K"), 0);
        assertEquals(List.of("subscribe", "K", "d", "K"), r.seen);
        assertEquals(List.of("dropVideo", "dropVideo", "dropVideo"), pressure, "drops instead of pausing");
        r.subscription.cancel();
        releaseSlicesAndRoots();
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
