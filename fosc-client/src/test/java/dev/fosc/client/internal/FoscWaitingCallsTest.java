package dev.fosc.client.internal;

import dev.fosc.client.FoscNotConnectedException;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Waiting calls on an embedded loop whose clock moves only by hand. */
class FoscWaitingCallsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final MockTicker ticker = Ticker.newMockTicker();
    private final EmbeddedChannel ch = EmbeddedChannel.builder().ticker(ticker).build();
    private final FoscWaitingCalls.Budget budget = new FoscWaitingCalls.Budget(2);
    private final FoscWaitingCalls video = new FoscWaitingCalls(ch.eventLoop(), budget, TIMEOUT, "cam:88", "videoOn");
    private final FoscWaitingCalls audio = new FoscWaitingCalls(ch.eventLoop(), budget, TIMEOUT, "cam:88", "audioOn");

    @AfterEach
    void finish() {
        assertFalse(ch.finish());
    }

    private void advance(long seconds) {
        ticker.advance(seconds, TimeUnit.SECONDS);
        ch.runScheduledPendingTasks();
    }

    private static Throwable failure(CompletableFuture<Void> f) {
        return assertThrows(CompletionException.class, f::join).getCause();
    }

    @Test
    void aWaitingCallFailsAfterTheTimeoutAndLeavesTheBound() {
        CompletableFuture<Void> call = new CompletableFuture<>();
        video.add(call);
        advance(29);
        assertFalse(call.isDone());
        advance(1);
        FoscNotConnectedException e = assertInstanceOf(FoscNotConnectedException.class, failure(call));
        assertEquals("session to cam:88 did not log in within 30000 ms: videoOn gave up waiting (its wish is kept and"
                + " applied after the next login)", e.getMessage());
        assertTrue(video.isEmpty());
        assertEquals(0, budget.waiting());
    }

    @Test
    void callsBeyondTheSharedBoundFailAtOnce() {
        CompletableFuture<Void> v = new CompletableFuture<>();
        CompletableFuture<Void> a = new CompletableFuture<>();
        CompletableFuture<Void> third = new CompletableFuture<>();
        video.add(v);
        audio.add(a);
        audio.add(third);
        assertInstanceOf(FoscNotConnectedException.class, failure(third));
        assertFalse(v.isDone() || a.isDone());
        assertEquals(2, budget.waiting());
        v.complete(null); // completed by someone else: leaves the bound at once
        assertEquals(1, budget.waiting());
        CompletableFuture<Void> fourth = new CompletableFuture<>();
        video.add(fourth);
        assertFalse(fourth.isDone());
        video.failAll(new IllegalStateException("over"));
        audio.failAll(new IllegalStateException("over"));
    }

    @Test
    void aCallTakenBeforeItsTimeoutIsNotFailedByIt() {
        CompletableFuture<Void> call = new CompletableFuture<>();
        video.add(call);
        List<CompletableFuture<Void>> taken = video.drain();
        assertEquals(List.of(call), taken);
        assertEquals(0, budget.waiting());
        advance(60);
        assertFalse(call.isDone(), "the request it was handed to decides now");
        call.complete(null);
    }
}
