package dev.fosc.client.internal;

import dev.fosc.client.FoscConnectionClosedException;
import dev.fosc.client.FoscProtocolException;
import dev.fosc.client.FoscRequestRefusedException;
import dev.fosc.client.FoscRequestTimeoutException;
import dev.fosc.client.FoscSessionOptions;
import dev.fosc.codec.FoscCredentials;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The media retry rule on an embedded connection whose clock moves only by hand (defaults: 1 s, doubled per miss,
 * 3 retries, 10 s start timeout).
 */
class FoscMediaRetryTest {

    private static final FoscSessionOptions OPTIONS = FoscSessionOptions.builder("cam",
            FoscCredentials.of("admin", "pw")).build();

    private final MockTicker ticker = Ticker.newMockTicker();
    private final EmbeddedChannel ch = EmbeddedChannel.builder().ticker(ticker).build();
    private final List<Throwable> reconnects = new ArrayList<>();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final AtomicInteger resent = new AtomicInteger();
    private final Runnable resend = resent::incrementAndGet;
    private final AtomicInteger silences = new AtomicInteger();

    @AfterEach
    void finish() {
        assertFalse(ch.finish());
    }

    private FoscMediaRetry retry(boolean reconnectsOnSilence) {
        return new FoscMediaRetry(ch.eventLoop(), "cam:88", "VIDEO_ON", "video", reconnectsOnSilence,
                OPTIONS.mediaRetryDelay(), OPTIONS.mediaRetries(), OPTIONS.mediaStartTimeout(), paused::get,
                silences::incrementAndGet);
    }

    private void advanceMillis(long millis) {
        ticker.advance(millis, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
    }

    private static FoscRequestTimeoutException timeout() {
        return new FoscRequestTimeoutException("no VIDEO_ON_REPLY");
    }

    @Test
    void anUnansweredRequestIsSentAgainAfter1Then2Then4SecondsThenTheConnectionIsClosed() {
        FoscMediaRetry r = retry(true);
        long[] delays = {1000, 2000, 4000};
        for (int i = 0; i < delays.length; i++) {
            r.answered(timeout(), resend, reconnects::add);
            advanceMillis(delays[i] - 1);
            assertEquals(i, resent.get(), "not before " + delays[i] + " ms");
            advanceMillis(1);
            assertEquals(i + 1, resent.get());
        }
        assertTrue(reconnects.isEmpty());
        r.answered(timeout(), resend, reconnects::add);
        assertEquals(1, reconnects.size(), "the fourth miss reconnects");
        FoscProtocolException cause = assertInstanceOf(FoscProtocolException.class, reconnects.get(0));
        assertEquals("camera cam:88 sent no video after 4 VIDEO_ON requests (no valid reply to VIDEO_ON):"
                + " reconnecting", cause.getMessage());
    }

    @Test
    void anAcceptedRequestWithoutVideoIsAMissButAFrameStartsTheCountOver() {
        FoscMediaRetry r = retry(true);
        r.answered(null, resend, reconnects::add);
        advanceMillis(10_000);
        assertEquals(1, r.misses(), "accepted, then 10 s without video");
        assertEquals(1, silences.get(), "the silence is reported (AUTO learns from it)");
        advanceMillis(1000);
        assertEquals(1, resent.get());
        r.answered(null, resend, reconnects::add);
        r.arrived();
        assertEquals(0, r.misses());
        advanceMillis(60_000);
        assertEquals(1, resent.get(), "video flows: nothing more is asked");
    }

    @Test
    void silenceWhileReadingIsPausedIsNotCounted() {
        FoscMediaRetry r = retry(true);
        paused.set(true);
        r.answered(null, resend, reconnects::add);
        advanceMillis(60_000);
        assertEquals(0, r.misses());
        paused.set(false);
        advanceMillis(10_000);
        assertEquals(1, r.misses());
    }

    @Test
    void aTimeoutWhileReadingIsPausedIsNotCountedButSilenceAfterwardsIs() {
        FoscMediaRetry r = retry(true);
        paused.set(true);
        r.answered(timeout(), resend, reconnects::add);
        advanceMillis(60_000);
        assertEquals(0, r.misses(), "the reply may sit unread behind the pause");
        assertEquals(0, resent.get());
        paused.set(false);
        advanceMillis(10_000);
        assertEquals(1, r.misses(), "reading again, and still no video");
        advanceMillis(1000);
        assertEquals(1, resent.get());
    }

    @Test
    void aRefusalOrAClosedConnectionIsNotRetried() {
        FoscMediaRetry r = retry(true);
        r.answered(new FoscRequestRefusedException("refused", 1), resend, reconnects::add);
        r.answered(new FoscConnectionClosedException("closed"), resend, reconnects::add);
        advanceMillis(60_000);
        assertEquals(0, resent.get());
        assertEquals(0, r.misses());
    }

    @Test
    void silentAudioIsAskedAgainButNeverReconnectedFor() {
        FoscMediaRetry r = retry(false);
        for (int i = 0; i < 4; i++) {
            r.answered(null, resend, reconnects::add);
            advanceMillis(10_000); // silent
            advanceMillis(1000L << i); // the retry's delay
        }
        assertEquals(3, resent.get());
        assertTrue(reconnects.isEmpty(), "video must not be lost for a camera without a microphone");
        advanceMillis(600_000);
        assertEquals(3, resent.get(), "stopped asking");
    }
}
