package dev.fosc.testkit;

import java.time.Instant;

/**
 * Microseconds since the Unix epoch without allocating: the wall clock ({@link Instant#now()}, microsecond
 * resolution on Linux) read once, then advanced with {@link System#nanoTime()}. Two processes on one machine
 * that both use it agree to within a few microseconds (both read the same system clock), so a timestamp taken in
 * one can be compared with {@link #now()} in the other: the {@link FakeCamera.Builder#epochTimestamps(boolean)
 * epoch timestamps} of a fake camera in a child JVM against the arrival time in the client's JVM.
 *
 * <p>Thread-safe; no allocation per call.
 */
public final class EpochMicros {

    private static final long OFFSET_MICROS = calibrate();

    private EpochMicros() {
    }

    /** {@return microseconds since 1970-01-01T00:00Z, now} */
    public static long now() {
        return OFFSET_MICROS + System.nanoTime() / 1_000;
    }

    /** The offset between the wall clock and nanoTime/1000, taken as the median of a few readings. */
    private static long calibrate() {
        long[] offsets = new long[101];
        for (int i = 0; i < offsets.length; i++) {
            long before = System.nanoTime();
            Instant wall = Instant.now();
            long after = System.nanoTime();
            long wallMicros = wall.getEpochSecond() * 1_000_000L + wall.getNano() / 1_000;
            offsets[i] = wallMicros - (before + (after - before) / 2) / 1_000;
        }
        java.util.Arrays.sort(offsets);
        return offsets[offsets.length / 2];
    }
}
