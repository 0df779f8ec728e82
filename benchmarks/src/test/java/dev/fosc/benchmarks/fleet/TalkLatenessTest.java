package dev.fosc.benchmarks.fleet;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TalkLatenessTest {

    @Test
    void latenessAgainstTheScheduleOfTheFirstArrival() {
        long t0 = 1_000_000_000L;
        long[] lateMicros = {0, 0, 3_000, 0, 500, -1_000};
        long[] arrivals = new long[lateMicros.length];
        for (int k = 0; k < lateMicros.length; k++) {
            arrivals[k] = t0 + k * TalkLateness.FRAME_NANOS + lateMicros[k] * 1_000;
        }
        DelayHistogram h = new DelayHistogram();
        long[] minMax = {Long.MAX_VALUE, Long.MIN_VALUE};
        TalkLateness.record(arrivals, h, minMax);
        assertEquals(6, h.count());
        assertEquals(3_000, minMax[1]);
        assertEquals(-1_000, minMax[0]);
        assertEquals(0, h.quantile(0.5));
        assertEquals(2_944, h.quantile(1.0)); // 3,000 µs, in its bucket (within 3 %)
    }
}
