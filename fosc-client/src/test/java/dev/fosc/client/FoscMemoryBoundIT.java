package dev.fosc.client;

import dev.fosc.client.internal.DefaultFoscSession;
import dev.fosc.codec.FoscCredentials;
import dev.fosc.testkit.FakeCamera;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.fosc.client.FoscSessionIT.PASSWORD;
import static dev.fosc.client.FoscSessionIT.WAIT;
import static dev.fosc.client.FoscSessionIT.get;
import static dev.fosc.client.RecordingListener.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Flow subscriber that stops requesting while its camera streams large frames: the session's buffered bytes stay
 * under the byte cap (with the default limits) the whole time, and another camera on the same event loop keeps
 * flowing.
 */
class FoscMemoryBoundIT {

    /** 400 kB frames: 64 of them (the item high mark) would be 25.6 MB, above the 16 MiB byte cap. */
    private static final int FPS = 10;
    private static final int BIT_RATE = 32_000_000;
    private static final long STALL_MILLIS = 10_000;

    private final List<AutoCloseable> closeables = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    private FakeCamera camera(FakeCamera.Builder builder) {
        FakeCamera camera = builder.password(PASSWORD).start();
        closeables.add(camera);
        return camera;
    }

    private static FoscSessionOptions options(FakeCamera camera, FoscVideoOverflow overflow) {
        return FoscSessionOptions.builder(camera.host(), FoscCredentials.of("admin", PASSWORD)).port(camera.port())
                .videoOverflow(overflow).build(); // the default byte and item limits
    }

    /** Requests one frame, then nothing until told to, then everything. Copies nothing, keeps nothing. */
    private static final class StalledSubscriber implements Flow.Subscriber<FoscVideoFrame> {
        final AtomicInteger received = new AtomicInteger();
        volatile Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(1);
        }

        @Override
        public void onNext(FoscVideoFrame item) {
            received.incrementAndGet();
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onComplete() {
        }
    }

    @ParameterizedTest
    @EnumSource(FoscVideoOverflow.class)
    void aStalledSubscriberStaysUnderTheByteBoundAndTheLoopStaysFree(FoscVideoOverflow overflow) throws Exception {
        FakeCamera big = camera(FakeCamera.builder().name("big").fps(FPS).videoBitRate(BIT_RATE));
        FakeCamera other = camera(FakeCamera.builder().name("other"));
        FoscClient client = FoscClient.builder().threads(1).build();
        closeables.add(client);

        RecordingListener bigRec = new RecordingListener();
        FoscSession bigSession = client.newSession(options(big, overflow), bigRec);
        RecordingListener otherRec = new RecordingListener();
        FoscSession otherSession = client.newSession(options(other, overflow), otherRec);
        assertSame(bigSession.eventLoop(), otherSession.eventLoop(), "one event loop for both cameras");

        StalledSubscriber stalled = new StalledSubscriber();
        bigSession.videoFrames().subscribe(stalled);
        get(bigSession.connect());
        get(otherSession.connect());
        get(otherSession.videoOn(FoscStream.MAIN));
        get(bigSession.videoOn(FoscStream.MAIN));
        await(() -> stalled.received.get() == 1, WAIT, () -> stalled.received + " frames to the subscriber");

        FoscSessionOptions limits = bigSession.options();
        long cap = limits.maxBufferedBytes();
        DefaultFoscSession bigImpl = (DefaultFoscSession) bigSession;
        long maxSeen = 0;
        int otherAtStart = otherRec.videoFrames.get();
        int otherAtLastSecond = otherAtStart;
        long start = System.nanoTime();
        long nextSecond = start + TimeUnit.SECONDS.toNanos(1);
        List<Integer> otherPerSecond = new ArrayList<>();
        while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(STALL_MILLIS)) {
            long held = bigImpl.bufferedBytes();
            maxSeen = Math.max(maxSeen, held);
            assertTrue(held <= cap, "the stalled subscriber holds " + held + " bytes, above the cap " + cap);
            if (System.nanoTime() >= nextSecond) {
                int now = otherRec.videoFrames.get();
                otherPerSecond.add(now - otherAtLastSecond);
                otherAtLastSecond = now;
                nextSecond += TimeUnit.SECONDS.toNanos(1);
            }
            Thread.sleep(10);
        }
        assertEquals(1, stalled.received.get(), "nothing delivered without demand");
        assertTrue(maxSeen >= limits.highWaterMarkBytes(), "the buffer reached the high mark in bytes ("
                + maxSeen + " bytes): the byte bound, not the item marks, is what held it");
        assertTrue(otherPerSecond.stream().allMatch(n -> n > 0),
                "the other camera on the same loop got frames every second: " + otherPerSecond);
        assertTrue(otherRec.videoFrames.get() - otherAtStart >= 100, otherRec.videoFrames.get() - otherAtStart
                + " frames from the other camera in 10 s (25 fps)");
        FoscSessionStats stats = bigSession.stats();
        if (overflow == FoscVideoOverflow.BACK_PRESSURE) {
            assertTrue(stats.pauses() >= 1, stats.toString());
        } else {
            assertTrue(stats.droppedVideoFrames() > 0, stats.toString());
        }

        int bigFramesBefore = bigRec.videoFrames.get();
        stalled.subscription.request(Long.MAX_VALUE);
        await(() -> stalled.received.get() > 30 && bigRec.videoFrames.get() > bigFramesBefore + 20, WAIT,
                () -> stalled.received + " frames to the subscriber, " + bigRec.videoFrames + " to the listener");
        await(() -> bigImpl.bufferedBytes() <= limits.lowWaterMarkBytes(), WAIT,
                () -> bigImpl.bufferedBytes() + " bytes still buffered with unbounded demand");
        System.out.printf("%s: max %d bytes buffered while stalled (cap %d); other camera %s frames/s%n", overflow,
                maxSeen, cap, otherPerSecond);
        stalled.subscription.cancel();
        get(bigSession.close());
        get(otherSession.close());
        assertEquals(0, bigImpl.bufferedBytes(), "closing releases every buffered frame");
    }
}
