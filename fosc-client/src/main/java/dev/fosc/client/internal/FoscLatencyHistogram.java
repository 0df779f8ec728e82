package dev.fosc.client.internal;

import java.time.Duration;

/**
 * Lateness of talk sends against their schedule, in fixed buckets: 100 µs wide up to 5 ms, 1 ms wide up to 50 ms,
 * 10 ms wide up to 1 s, and one bucket for anything later. A percentile is reported as the upper bound of the bucket
 * it falls in (so at most one bucket width too high); a value in the last bucket reports as 1 s.
 *
 * <p>Thread-safe: the pacer records on the event loop, {@link #percentile} may be read from any thread.
 */
final class FoscLatencyHistogram {

    private static final long US = 1_000;
    private static final long[] UPPER_NANOS = upperBounds();

    private final long[] counts = new long[UPPER_NANOS.length + 1];
    private long total;

    private static long[] upperBounds() {
        long[] b = new long[50 + 45 + 95];
        int i = 0;
        for (long v = 100; v <= 5_000; v += 100) {
            b[i++] = v * US;
        }
        for (long v = 6_000; v <= 50_000; v += 1_000) {
            b[i++] = v * US;
        }
        for (long v = 60_000; v <= 1_000_000; v += 10_000) {
            b[i++] = v * US;
        }
        return b;
    }

    /** Records one send {@code nanos} after its scheduled time (negative values count as 0). */
    synchronized void record(long nanos) {
        counts[bucket(Math.max(0, nanos))]++;
        total++;
    }

    synchronized long count() {
        return total;
    }

    /**
     * The upper bound of the bucket holding the {@code p}-th percentile ({@code 0 < p <= 100}), or zero when nothing
     * was recorded.
     */
    synchronized Duration percentile(double p) {
        if (total == 0) {
            return Duration.ZERO;
        }
        long rank = (long) Math.ceil(p / 100.0 * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Duration.ofNanos(UPPER_NANOS[Math.min(i, UPPER_NANOS.length - 1)]);
            }
        }
        return Duration.ofNanos(UPPER_NANOS[UPPER_NANOS.length - 1]);
    }

    private static int bucket(long nanos) {
        int lo = 0;
        int hi = UPPER_NANOS.length; // the overflow bucket
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (nanos < UPPER_NANOS[mid]) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
