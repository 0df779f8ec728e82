package dev.fosc.benchmarks.fleet;

/**
 * A log-linear histogram of non-negative values (microseconds): exact below 64, then 32 buckets per power of
 * two (at most about 3 % too low). Records without allocating. Not thread-safe: one per event loop.
 */
final class DelayHistogram {

    private static final int LINEAR = 64;
    private static final int SUB = 32;
    private static final int SIZE = LINEAR + 58 * SUB;

    private final long[] counts;

    DelayHistogram() {
        this.counts = new long[SIZE];
    }

    private DelayHistogram(long[] counts) {
        this.counts = counts;
    }

    void record(long value) {
        counts[index(Math.max(0, value))]++;
    }

    static int index(long v) {
        if (v < LINEAR) {
            return (int) v;
        }
        int msb = 63 - Long.numberOfLeadingZeros(v);
        int shift = msb - 5;
        return LINEAR + (shift - 1) * SUB + (int) ((v >>> shift) - SUB);
    }

    /** The smallest value that falls into bucket {@code index}. */
    static long lowest(int index) {
        if (index < LINEAR) {
            return index;
        }
        int shift = (index - LINEAR) / SUB + 1;
        long sub = (index - LINEAR) % SUB + SUB;
        return sub << shift;
    }

    DelayHistogram copy() {
        return new DelayHistogram(counts.clone());
    }

    /** Adds {@code other}'s counts to this one. */
    void add(DelayHistogram other) {
        for (int i = 0; i < SIZE; i++) {
            counts[i] += other.counts[i];
        }
    }

    /** This minus {@code earlier} (a snapshot of the same histogram taken before). */
    DelayHistogram minus(DelayHistogram earlier) {
        long[] d = counts.clone();
        for (int i = 0; i < SIZE; i++) {
            d[i] -= earlier.counts[i];
        }
        return new DelayHistogram(d);
    }

    long count() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** The value at quantile {@code q} (0..1), as its bucket's lowest value; -1 if empty. */
    long quantile(double q) {
        long n = count();
        if (n == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(q * n));
        long seen = 0;
        for (int i = 0; i < SIZE; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return lowest(i);
            }
        }
        return lowest(SIZE - 1);
    }
}
