package dev.fosc.benchmarks.fleet;

/**
 * Talk mode, camera side: how late each TALK_DATA frame arrived against a 60 ms schedule anchored at its talker's
 * first frame: {@code arrival_k - (arrival_0 + k * 60 ms)}, in microseconds, from the arrival times the
 * {@link dev.fosc.testkit.FakeSpeaker} records ({@link dev.fosc.testkit.FakeSpeaker#arrivalNanos()}: every frame,
 * played or discarded; {@link System#nanoTime()} in the camera's JVM when the camera's event loop read the frame).
 */
final class TalkLateness {

    static final long FRAME_NANOS = 60_000_000L;

    private TalkLateness() {
    }

    /** Records the lateness of every frame one speaker received (one talker per camera) into {@code into}. */
    static void record(long[] arrivals, DelayHistogram into, long[] minMax) {
        if (arrivals.length == 0) {
            return;
        }
        long first = arrivals[0];
        for (int k = 0; k < arrivals.length; k++) {
            long lateNanos = arrivals[k] - (first + k * FRAME_NANOS);
            long micros = lateNanos / 1_000;
            minMax[0] = Math.min(minMax[0], micros);
            minMax[1] = Math.max(minMax[1], micros);
            into.record(micros); // early frames (negative) count as 0 in the histogram; the minimum says how early
        }
    }
}
