package dev.fosc.client.internal;

import dev.fosc.client.FoscReconnectPolicy;

/**
 * The reconnect delay math: exponential bound with full jitter, and the longer wait after a rate-limited login.
 * Pure functions; thread-safe.
 */
public final class FoscBackoff {

    private FoscBackoff() {
    }

    /**
     * The delay before reconnect attempt {@code attempt} (0-based).
     *
     * @param random a uniform value in {@code [0, 1)}
     * @return for an ordinary loss a value uniform in {@code [0, policy.delayBoundNanos(attempt)]}; after a
     *     rate-limited refusal a value uniform in {@code [rateLimitedDelay, 2 × rateLimitedDelay)}
     */
    public static long delayNanos(FoscReconnectPolicy policy, int attempt, boolean rateLimited, double random) {
        if (!(random >= 0 && random < 1)) {
            throw new IllegalArgumentException("random must be in [0, 1): " + random);
        }
        if (rateLimited) {
            long base = policy.rateLimitedDelay().toNanos();
            return base + (long) (random * base);
        }
        long bound = policy.delayBoundNanos(attempt);
        return Math.min(bound, (long) (random * ((double) bound + 1)));
    }
}
