package dev.fosc.benchmarks.fleet;

import dev.fosc.testkit.FakePlayedAudio;

import java.util.List;

/**
 * Talk mode, camera side: how late each TALK_DATA frame arrived against a 60 ms schedule anchored at its talker's
 * first frame: {@code arrival_k - (arrival_0 + k * 60 ms)}, in microseconds, from the arrival times the
 * {@link dev.fosc.testkit.FakeSpeaker} records ({@link System#nanoTime()} in the camera's JVM). Frames the
 * speaker discarded (they came early, in a burst) are not in its played list; their count is reported beside.
 */
final class TalkLateness {

    static final long FRAME_NANOS = 60_000_000L;

    private TalkLateness() {
    }

    /** Records the lateness of every frame of one speaker's played list (one talker per camera) into {@code into}. */
    static void record(List<FakePlayedAudio> played, DelayHistogram into, long[] minMax) {
        if (played.isEmpty()) {
            return;
        }
        long first = played.get(0).arrivalNanos();
        for (int k = 0; k < played.size(); k++) {
            long lateNanos = played.get(k).arrivalNanos() - (first + k * FRAME_NANOS);
            long micros = lateNanos / 1_000;
            minMax[0] = Math.min(minMax[0], micros);
            minMax[1] = Math.max(minMax[1], micros);
            into.record(micros); // early frames (negative) count as 0 in the histogram; the minimum says how early
        }
    }
}
