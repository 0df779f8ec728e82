package dev.fosc.client.internal;

import dev.fosc.client.FoscConnectionClosedException;
import dev.fosc.client.FoscRequestTimeoutException;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscMessage;
import dev.fosc.codec.FoscVideoOnReply;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tracker alone, on an embedded loop whose clock moves only by hand. */
class FoscRequestTrackerTest {

    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(5);

    private final MockTicker ticker = Ticker.newMockTicker();
    private final EmbeddedChannel ch = EmbeddedChannel.builder().ticker(ticker).build();
    private final FoscRequestTracker tracker = new FoscRequestTracker(ch.eventLoop(), "cam:88");

    @AfterEach
    void finish() {
        assertFalse(ch.finish());
    }

    private void tick(long seconds) {
        ticker.advance(seconds, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
    }

    private CompletableFuture<FoscMessage> videoOn() {
        return tracker.register(FoscCommand.VIDEO_ON, FoscCommand.VIDEO_ON_REPLY, TIMEOUT);
    }

    @Test
    void aLateReplyWithNobodyWaitingPaysTheDebtAndTheOwnReplyOfARetryThenToo() {
        CompletableFuture<FoscMessage> first = videoOn();
        tick(5);
        assertTrue(first.isCompletedExceptionally());
        CompletableFuture<FoscMessage> retry = videoOn();
        assertTrue(tracker.complete(new FoscVideoOnReply(0)), "the late reply of the first completes the retry");
        assertTrue(retry.isDone());
        assertTrue(tracker.complete(new FoscVideoOnReply(0)), "the retry's own reply pays the debt");
        assertFalse(tracker.complete(new FoscVideoOnReply(0)), "a third one was expected by nobody");
    }

    @Test
    void debtsLapseAfterARequestTimeoutEvenIfTheCommandNeverRepliesAgain() {
        for (int i = 0; i < 100; i++) {
            videoOn();
            tick(5); // each times out and leaves a debt; the older ones lapse meanwhile
        }
        tick(6);
        assertFalse(tracker.complete(new FoscVideoOnReply(0)), "every debt lapsed: nothing owed any more");
    }

    @Test
    void aFailedWriteCancelsItsTimeoutAndLeavesNoDebt() {
        CompletableFuture<FoscMessage> f = videoOn();
        tracker.fail(f, new FoscConnectionClosedException("write failed", null));
        assertInstanceOf(FoscConnectionClosedException.class, f.handle((v, e) -> e).join());
        assertEquals(0, tracker.size());
        assertEquals(-1, ch.runScheduledPendingTasks(), "the timeout was cancelled: nothing scheduled");
        tick(5);
        assertFalse(tracker.complete(new FoscVideoOnReply(0)), "a failed write is owed no reply");
    }

    @Test
    void aRequestDoesNotTimeOutWhileReadingIsPausedAndGetsTheRestOfItsTimeoutAfter() {
        CompletableFuture<FoscMessage> f = videoOn();
        tick(3);
        tracker.pauseReading(); // issue 8, defect 4: its reply may come, but nobody reads it
        tick(60);
        assertFalse(f.isDone(), "no timeout while the reply cannot be read");
        tracker.resumeReading();
        tick(1);
        assertFalse(f.isDone(), "3 s of reading before the pause, 1 s after: 1 s is left");
        tick(1);
        assertInstanceOf(FoscRequestTimeoutException.class, f.handle((v, e) -> e).join());
        assertTrue(f.handle((v, e) -> e).join().getMessage().contains("within 5000 ms"));
    }

    @Test
    void aRequestRegisteredWhileReadingIsPausedGetsItsWholeTimeoutOnceReadingResumes() {
        tracker.pauseReading();
        CompletableFuture<FoscMessage> f = videoOn();
        tick(30);
        tracker.resumeReading();
        tick(4);
        assertFalse(f.isDone());
        assertTrue(tracker.complete(new FoscVideoOnReply(0)), "the reply read after the pause completes it");
        assertEquals(new FoscVideoOnReply(0), f.getNow(null));
        assertEquals(-1, ch.runScheduledPendingTasks(), "its timeout was cancelled");
    }

    @Test
    void pausingAndResumingTwiceCountsOnlyTheReadingTime() {
        CompletableFuture<FoscMessage> f = videoOn();
        tracker.pauseReading();
        tracker.pauseReading(); // idempotent: the clock stopped at the first
        tick(10);
        tracker.resumeReading();
        tick(2);
        tracker.pauseReading();
        tick(10);
        tracker.resumeReading();
        tracker.resumeReading();
        tick(2);
        assertFalse(f.isDone(), "4 s of reading");
        tick(1);
        assertTrue(f.isCompletedExceptionally(), "5 s of reading");
    }

    @Test
    void aDebtLapsesAfterARequestTimeoutOfReadingTimeNotWhileTheLateReplySitsUnread() {
        CompletableFuture<FoscMessage> f = videoOn();
        tick(5);
        assertTrue(f.isCompletedExceptionally());
        tracker.pauseReading();
        tick(60); // the late reply may be in the socket all along
        tracker.resumeReading();
        assertTrue(tracker.complete(new FoscVideoOnReply(0)), "read at once after the pause: still the late one");
    }
}
