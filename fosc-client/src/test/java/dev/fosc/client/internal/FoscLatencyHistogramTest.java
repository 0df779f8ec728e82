package dev.fosc.client.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FoscLatencyHistogramTest {

    @Test
    void percentilesAreBucketUpperBounds() {
        FoscLatencyHistogram h = new FoscLatencyHistogram();
        assertEquals(Duration.ZERO, h.percentile(50));
        for (int i = 0; i < 98; i++) {
            h.record(Duration.ofNanos(250_000).toNanos());
        }
        h.record(Duration.ofNanos(7_200_000).toNanos());
        h.record(Duration.ofSeconds(5).toNanos());
        assertEquals(Duration.ofNanos(300_000), h.percentile(50));
        assertEquals(Duration.ofMillis(8), h.percentile(99));
        assertEquals(Duration.ofSeconds(1), h.percentile(100), "beyond the last bucket reports its bound");
        h.record(-5);
        assertEquals(101, h.count());
    }
}
