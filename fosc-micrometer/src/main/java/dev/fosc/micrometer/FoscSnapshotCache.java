package dev.fosc.micrometer;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A snapshot kept for a short time, so that the meters a scrape reads one after the other share it instead of
 * summing the sessions once each. Thread-safe: readers (scrapes, never the event loops) take turns, so a newer
 * snapshot is never replaced by an older one and counters never seem to go backwards.
 */
final class FoscSnapshotCache<T> implements Supplier<T> {

    private final Supplier<T> source;
    private final long maxAgeNanos;
    private T value; // guarded by this
    private long takenNanos; // guarded by this

    FoscSnapshotCache(Supplier<T> source, Duration maxAge) {
        this.source = source;
        this.maxAgeNanos = maxAge.toNanos();
    }

    @Override
    public synchronized T get() {
        long now = System.nanoTime();
        if (value == null || now - takenNanos >= maxAgeNanos) {
            value = source.get();
            takenNanos = now;
        }
        return value;
    }
}
