package dev.fosc.benchmarks.fleet;

/**
 * What the sessions of one event loop received: video frames, their wire bytes and their delivery delays.
 * Written only on that loop (plain fields, no atomics: the same cost for every client measured); read through
 * {@link #snapshot()}, which runs on the loop.
 */
final class LoopStats {

    long frames;
    long bytes;
    final DelayHistogram delays = new DelayHistogram();

    /** Records one video frame of {@code wireBytes} (header included); a negative {@code delayMicros}: unknown. */
    void frame(long wireBytes, long delayMicros) {
        frames++;
        bytes += wireBytes;
        if (delayMicros != Long.MIN_VALUE) {
            delays.record(delayMicros);
        }
    }

    /** A copy; call on the loop that writes this. */
    Snapshot snapshot() {
        return new Snapshot(frames, bytes, delays.copy());
    }

    /** A copy of the counters at one moment. */
    record Snapshot(long frames, long bytes, DelayHistogram delays) {

        static Snapshot empty() {
            return new Snapshot(0, 0, new DelayHistogram());
        }

        Snapshot plus(Snapshot o) {
            DelayHistogram h = delays.copy();
            h.add(o.delays);
            return new Snapshot(frames + o.frames, bytes + o.bytes, h);
        }

        Snapshot minus(Snapshot earlier) {
            return new Snapshot(frames - earlier.frames, bytes - earlier.bytes, delays.minus(earlier.delays));
        }
    }
}
