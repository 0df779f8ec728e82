package dev.fosc.micrometer;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The snapshot cache serves one snapshot for its maximum age, and none past it. */
class FoscSnapshotCacheTest {

    @Test
    void oneSnapshotServesEveryReadWithinTheMaximumAge() {
        AtomicInteger taken = new AtomicInteger();
        FoscSnapshotCache<Integer> cache = new FoscSnapshotCache<>(taken::incrementAndGet, Duration.ofHours(1));
        assertEquals(1, cache.get());
        assertEquals(1, cache.get());
        assertEquals(1, taken.get());
    }

    @Test
    void aZeroMaximumAgeTakesASnapshotAtEveryRead() {
        AtomicInteger taken = new AtomicInteger();
        FoscSnapshotCache<Integer> cache = new FoscSnapshotCache<>(taken::incrementAndGet, Duration.ZERO);
        assertEquals(1, cache.get());
        assertEquals(2, cache.get());
    }
}
