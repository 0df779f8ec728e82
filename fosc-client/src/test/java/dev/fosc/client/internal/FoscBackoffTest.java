package dev.fosc.client.internal;

import dev.fosc.client.FoscReconnectPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reconnect delay math: exponential bound, full jitter, the rate-limited wait. */
class FoscBackoffTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void boundDoublesFromTheInitialDelayUpToTheCap() {
        FoscReconnectPolicy p = FoscReconnectPolicy.DEFAULT;
        assertEquals(1 * SECOND, p.delayBoundNanos(0));
        assertEquals(2 * SECOND, p.delayBoundNanos(1));
        assertEquals(32 * SECOND, p.delayBoundNanos(5));
        assertEquals(60 * SECOND, p.delayBoundNanos(6));
        assertEquals(60 * SECOND, p.delayBoundNanos(10_000), "no overflow for huge attempts");
    }

    @Test
    void fullJitterSpansZeroToTheBound() {
        FoscReconnectPolicy p = FoscReconnectPolicy.DEFAULT;
        assertEquals(0, FoscBackoff.delayNanos(p, 3, false, 0.0));
        assertEquals(8 * SECOND, FoscBackoff.delayNanos(p, 3, false, Math.nextDown(1.0)), "bound 1 s × 2^3");
        assertEquals(4 * SECOND, FoscBackoff.delayNanos(p, 3, false, 0.5), 1);
    }

    @Test
    void aThousandSessionsDroppingTogetherSpreadOverTheWholeWindow() {
        FoscReconnectPolicy p = FoscReconnectPolicy.DEFAULT;
        Random random = new Random(42);
        int[] buckets = new int[10];
        for (int i = 0; i < 1000; i++) {
            long d = FoscBackoff.delayNanos(p, 0, false, random.nextDouble());
            assertTrue(d >= 0 && d <= SECOND);
            buckets[(int) Math.min(9, d * 10 / SECOND)]++;
        }
        for (int b : buckets) {
            assertTrue(b > 50 && b < 150, "each tenth of the window gets about a tenth: " + java.util.Arrays.toString(buckets));
        }
    }

    @Test
    void rateLimitedWaitsAtLeastTheRateLimitedDelayWhateverTheAttempt() {
        FoscReconnectPolicy p = FoscReconnectPolicy.builder().rateLimitedDelay(Duration.ofSeconds(30)).build();
        assertEquals(30 * SECOND, FoscBackoff.delayNanos(p, 0, true, 0.0));
        long max = FoscBackoff.delayNanos(p, 0, true, Math.nextDown(1.0));
        assertTrue(max < 60 * SECOND && max > 59 * SECOND);
    }

    @Test
    void policyValidatesItsValues() {
        assertThrows(IllegalArgumentException.class, () -> FoscReconnectPolicy.builder().multiplier(0.5));
        assertThrows(IllegalArgumentException.class, () -> FoscReconnectPolicy.builder().initialDelay(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> FoscReconnectPolicy.builder()
                .initialDelay(Duration.ofSeconds(5)).maxDelay(Duration.ofSeconds(1)).build());
        assertThrows(IllegalArgumentException.class, () -> FoscBackoff.delayNanos(FoscReconnectPolicy.DEFAULT, 0,
                false, 1.0));
    }
}
