package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 8: the recorder ran a waiting test's predicate while holding the lock the camera's event loop needs to
 * record a frame, so a slow predicate stalled the camera. Predicates now run outside the lock.
 */
class FrameRecorderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static FakeRecordedFrame frame(FoscCommand command) {
        return FakeRecordedFrame.owning(0, command, Map.of(), new byte[12], System.nanoTime());
    }

    /** A predicate that blocks on its first call until released, then matches {@code command}. */
    private static final class BlockingPredicate implements Predicate<FakeRecordedFrame> {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final FoscCommand command;

        BlockingPredicate(FoscCommand command) {
            this.command = command;
        }

        @Override
        public boolean test(FakeRecordedFrame f) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return f.is(command);
        }
    }

    private interface Waiter {
        Object run(FrameRecorder r, Predicate<FakeRecordedFrame> p);
    }

    private static void addingIsNotBlockedByAPredicate(Waiter waiter) throws Exception {
        FrameRecorder recorder = new FrameRecorder(100, 1 << 20);
        recorder.add(frame(FoscCommand.LOGIN));
        BlockingPredicate blocking = new BlockingPredicate(FoscCommand.VIDEO_ON);
        ExecutorService loop = Executors.newSingleThreadExecutor(); // stands for the camera's event loop
        try {
            CompletableFuture<Object> waiting = CompletableFuture.supplyAsync(() -> waiter.run(recorder, blocking));
            if (!blocking.entered.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                fail("the predicate was never called: " + recorder.describe());
            }
            FakeRecordedFrame videoOn = frame(FoscCommand.VIDEO_ON);
            Future<?> add = loop.submit(() -> recorder.add(videoOn));
            try {
                add.get(WAIT.toSeconds(), TimeUnit.SECONDS); // the predicate is still blocked
            } catch (TimeoutException e) {
                blocking.release.countDown();
                fail("recording a frame waited for a test's predicate (the camera's loop would stall)");
            }
            assertEquals(2, recorder.snapshot().size());
            blocking.release.countDown();
            Object result = waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (result instanceof FakeRecordedFrame) {
                assertSame(videoOn, result, "the frame added meanwhile is found");
            }
        } finally {
            blocking.release.countDown();
            loop.shutdownNow();
        }
    }

    @Test
    void takeRunsItsPredicateOutsideTheLock() throws Exception {
        addingIsNotBlockedByAPredicate((r, p) -> r.take(p, "VIDEO_ON", WAIT));
    }

    @Test
    void awaitRunsItsPredicateOutsideTheLock() throws Exception {
        addingIsNotBlockedByAPredicate((r, p) -> r.await(p, "VIDEO_ON", WAIT));
    }

    @Test
    void awaitCountRunsItsPredicateOutsideTheLock() throws Exception {
        addingIsNotBlockedByAPredicate((r, p) -> r.awaitCount(p, 1, "VIDEO_ON", WAIT).get(0));
    }

    @Test
    void aFrameIsTakenOnceAndClearForgetsTaken() {
        FrameRecorder recorder = new FrameRecorder(100, 1 << 20);
        FakeRecordedFrame a = frame(FoscCommand.LOGIN);
        FakeRecordedFrame b = frame(FoscCommand.LOGIN);
        recorder.add(a);
        recorder.add(b);
        assertSame(a, recorder.take(FrameRecorder.of(FoscCommand.LOGIN), "LOGIN", WAIT));
        assertSame(b, recorder.take(FrameRecorder.of(FoscCommand.LOGIN), "LOGIN", WAIT));
        AssertionError none = assertThrows(AssertionError.class,
                () -> recorder.take(FrameRecorder.of(FoscCommand.LOGIN), "LOGIN frame", Duration.ofMillis(20)));
        assertEquals(true, none.getMessage().contains("(taken)"), none.getMessage());
        recorder.clear();
        FakeRecordedFrame c = frame(FoscCommand.LOGIN);
        recorder.add(c);
        assertSame(c, recorder.take(FrameRecorder.of(FoscCommand.LOGIN), "LOGIN", WAIT));
    }
}
