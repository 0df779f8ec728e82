package dev.fosc.benchmarks.fleet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DelayHistogramTest {

    @Test
    void bucketsAreContiguousAndAtMostThreePercentLow() {
        for (long v = 0; v < 5_000_000; v += 1 + v / 100) {
            int i = DelayHistogram.index(v);
            long low = DelayHistogram.lowest(i);
            assertTrue(low <= v && v - low <= Math.max(0, v / 32), v + " -> " + low);
            assertTrue(DelayHistogram.lowest(i + 1) > v, v + " below the next bucket");
        }
    }

    @Test
    void quantiles() {
        DelayHistogram h = new DelayHistogram();
        for (int v = 1; v <= 100; v++) {
            h.record(v);
        }
        assertEquals(50, h.quantile(0.5));
        assertTrue(h.quantile(0.99) >= 96 && h.quantile(0.99) <= 99, "p99 " + h.quantile(0.99));
        assertEquals(-1, new DelayHistogram().quantile(0.5));
        DelayHistogram later = h.copy();
        later.record(1000);
        assertEquals(1, later.minus(h).count());
    }
}
