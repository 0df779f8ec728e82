package dev.fosc.client.internal;

import dev.fosc.client.FoscAuthenticationException;
import dev.fosc.client.FoscLoginRateLimitedException;
import dev.fosc.client.FoscReconnectPolicy;
import dev.fosc.codec.FoscLoginReply;
import dev.fosc.codec.FoscMalformedPayloadException;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.fosc.client.internal.FoscReconnectScheduler.Wait.BACKOFF;
import static dev.fosc.client.internal.FoscReconnectScheduler.Wait.CREDENTIALS_SUSPECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The reconnect scheduler on an embedded loop whose clock moves only by hand: every delay it computes and every
 * timer it runs follows the loop's ticker, never the wall clock. Jitter fixed at 0 (the bottom of each range).
 */
class FoscReconnectSchedulerTest {

    private static final String CAM = "cam:88";
    private static final String USER = "user 'admin'";

    private final MockTicker ticker = Ticker.newMockTicker();
    private final EmbeddedChannel ch = EmbeddedChannel.builder().ticker(ticker).build();

    @AfterEach
    void finish() {
        assertFalse(ch.finish());
    }

    private FoscReconnectScheduler scheduler(FoscReconnectPolicy policy) {
        return new FoscReconnectScheduler(policy, ch.eventLoop(), () -> 0.0);
    }

    private void advance(Duration d) {
        ticker.advance(d.toNanos(), TimeUnit.NANOSECONDS);
        ch.runScheduledPendingTasks();
    }

    private static long seconds(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nanos);
    }

    @Test
    void theNextAttemptWaitsWhatIsLeftOfTheMinimumLoginIntervalOnTheLoopsClock() {
        FoscReconnectScheduler s = scheduler(FoscReconnectPolicy.builder().minLoginInterval(Duration.ofSeconds(5))
                .build());
        s.loginSent();
        advance(Duration.ofSeconds(2));
        assertEquals(3, seconds(s.nextDelayNanos(BACKOFF)), "5 s after the LOGIN, 2 s of which have passed");
        advance(Duration.ofSeconds(10));
        assertEquals(0, seconds(s.nextDelayNanos(BACKOFF)), "long after the LOGIN only the backoff counts");
    }

    @Test
    void theReconnectTimerRunsOnTheLoopsClock() {
        FoscReconnectScheduler s = scheduler(FoscReconnectPolicy.DEFAULT);
        AtomicInteger attempts = new AtomicInteger();
        s.schedule(TimeUnit.SECONDS.toNanos(30), attempts::incrementAndGet);
        advance(Duration.ofSeconds(29));
        assertEquals(0, attempts.get());
        advance(Duration.ofSeconds(1));
        assertEquals(1, attempts.get());
    }

    @Test
    void theBackoffStartsOverOnlyAfterTheStableTimeOnTheLoopsClock() {
        FoscReconnectPolicy policy = FoscReconnectPolicy.builder().minLoginInterval(Duration.ZERO).build();
        FoscReconnectScheduler s = new FoscReconnectScheduler(policy, ch.eventLoop(), () -> 0.999);
        s.nextDelayNanos(BACKOFF);
        s.nextDelayNanos(BACKOFF);
        s.loggedIn(() -> true);
        advance(policy.stableTime().minusSeconds(1));
        long third = s.nextDelayNanos(BACKOFF);
        assertTrue(third >= policy.delayBoundNanos(2) * 0.99, "not yet stable: the third attempt's bound");
        s.loggedIn(() -> true);
        advance(policy.stableTime());
        assertTrue(s.nextDelayNanos(BACKOFF) <= policy.delayBoundNanos(0), "stable: from the first delay again");
    }

    @Test
    void theFirstLoginsRefusalIsFinalAndALaterOneIsSuspectOnAnEscalatingCatalogue() {
        FoscReconnectScheduler s = scheduler(FoscReconnectPolicy.DEFAULT);
        FoscReconnectScheduler.Refusal first = s.loginRefused(FoscLoginReply.refused(
                FoscLoginReply.RESULT_BAD_CREDENTIALS), CAM, USER);
        assertTrue(first.isFinal());
        assertInstanceOf(FoscAuthenticationException.class, first.cause());

        s.loggedIn(() -> true);
        long[] expected = {5, 15, 30, 60, 120, 300, 600, 600, 600};
        for (long e : expected) {
            FoscReconnectScheduler.Refusal r = s.loginRefused(FoscLoginReply.refused(
                    FoscLoginReply.RESULT_BAD_CREDENTIALS), CAM, USER);
            assertFalse(r.isFinal(), "credentials accepted once: never final");
            assertEquals(CREDENTIALS_SUSPECT, r.next());
            assertInstanceOf(FoscAuthenticationException.class, r.cause());
            s.loginSent();
            assertEquals(e, seconds(s.nextDelayNanos(r.next())));
        }
        s.loggedIn(() -> true); // the password works again: the catalogue starts over
        s.loginRefused(FoscLoginReply.refused(FoscLoginReply.RESULT_BAD_CREDENTIALS), CAM, USER);
        assertEquals(5, seconds(s.nextDelayNanos(CREDENTIALS_SUSPECT)));
    }

    @Test
    void aMalformedReplyAfterAnAcceptedLoginIsSuspectNotFinal() {
        FoscReconnectScheduler s = scheduler(FoscReconnectPolicy.DEFAULT);
        FoscMalformedPayloadException bad = new FoscMalformedPayloadException("LOGIN_REPLY of 2 bytes");
        assertTrue(s.loginInvalid(bad, CAM, USER).isFinal());
        s.loggedIn(() -> true);
        FoscReconnectScheduler.Refusal r = s.loginInvalid(bad, CAM, USER);
        assertFalse(r.isFinal());
        assertEquals(CREDENTIALS_SUSPECT, r.next());
        assertEquals(bad, r.cause().getCause());
    }

    @Test
    void tooManyUsersIsRateLimitedNeverAnAuthenticationFailure() {
        FoscReconnectScheduler s = scheduler(FoscReconnectPolicy.DEFAULT);
        FoscReconnectScheduler.Refusal r = s.loginRefused(FoscLoginReply.refused(
                FoscLoginReply.RESULT_TOO_MANY_USERS), CAM, USER);
        assertFalse(r.isFinal());
        FoscLoginRateLimitedException limited = assertInstanceOf(FoscLoginRateLimitedException.class, r.cause());
        assertFalse(FoscAuthenticationException.class.isInstance(limited));
        assertEquals(30, seconds(s.nextDelayNanos(r.next())));
    }
}
