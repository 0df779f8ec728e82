package dev.fosc.testkit;

import dev.fosc.codec.FoscCommand;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Predicate;

/**
 * The frames a camera received, in arrival order, capped at a number of frames and a number of bytes (a
 * frame that does not fit is counted, not kept). {@code take} consumes frames; {@code await} and the lists do
 * not.
 *
 * <p>Thread-safe: the event loop adds, tests read and wait.
 */
final class FrameRecorder {

    /** How many frames a failure message lists at most (the latest ones). */
    static final int DESCRIBE_MAX = 40;

    private final int max;
    private final long maxBytes;
    private final List<FakeRecordedFrame> frames = new ArrayList<>();
    private final BitSet taken = new BitSet();
    private long bytes;
    private long dropped;
    private volatile boolean full;

    FrameRecorder(int max, long maxBytes) {
        this.max = max;
        this.maxBytes = maxBytes;
        this.full = max == 0 || maxBytes == 0;
    }

    /** Whether no frame can be recorded any more (until {@link #clear()}): then there is no need to copy one. */
    boolean isFull() {
        return full;
    }

    /** Counts a frame that was not even copied because the recorder is full. */
    synchronized void countDropped() {
        dropped++;
    }

    synchronized void add(FakeRecordedFrame frame) {
        if (frames.size() >= max || bytes + frame.size() > maxBytes) {
            dropped++;
            return;
        }
        frames.add(frame);
        bytes += frame.size();
        full = frames.size() >= max || bytes >= maxBytes;
        notifyAll();
    }

    synchronized List<FakeRecordedFrame> snapshot() {
        return List.copyOf(frames);
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized void clear() {
        frames.clear();
        taken.clear();
        bytes = 0;
        dropped = 0;
        full = max == 0 || maxBytes == 0;
    }

    /** The first frame not yet taken that matches; consumes it. */
    synchronized FakeRecordedFrame take(Predicate<FakeRecordedFrame> match, String what, Duration timeout) {
        EventLoopCheck.refuseOnEventLoop("FakeCamera.takeFrame");
        long deadline = System.nanoTime() + timeout.toNanos();
        int from = 0;
        while (true) {
            for (int i = taken.nextClearBit(from); i < frames.size(); i = taken.nextClearBit(i + 1)) {
                if (match.test(frames.get(i))) {
                    taken.set(i);
                    return frames.get(i);
                }
            }
            from = 0;
            waitUntil(deadline, what, timeout);
        }
    }

    /** The first frame (taken or not) that matches; consumes nothing. */
    synchronized FakeRecordedFrame await(Predicate<FakeRecordedFrame> match, String what, Duration timeout) {
        EventLoopCheck.refuseOnEventLoop("FakeCamera.awaitFrame");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (FakeRecordedFrame f : frames) {
                if (match.test(f)) {
                    return f;
                }
            }
            waitUntil(deadline, what, timeout);
        }
    }

    /** Waits until {@code count} frames match; returns them. */
    synchronized List<FakeRecordedFrame> awaitCount(Predicate<FakeRecordedFrame> match, int count, String what,
                                                    Duration timeout) {
        EventLoopCheck.refuseOnEventLoop("FakeCamera.awaitFrames");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<FakeRecordedFrame> found = new ArrayList<>();
            for (FakeRecordedFrame f : frames) {
                if (match.test(f)) {
                    found.add(f);
                }
            }
            if (found.size() >= count) {
                return found;
            }
            waitUntil(deadline, count + " × " + what + " (" + found.size() + " so far)", timeout);
        }
    }

    private void waitUntil(long deadline, String what, Duration timeout) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new AssertionError("no " + what + " within " + timeout + "; " + describe());
        }
        try {
            wait(Math.max(1, left / 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for " + what, e);
        }
    }

    /** What arrived, for failure messages: a count and the latest frames, one per line. */
    synchronized String describe() {
        if (frames.isEmpty()) {
            return "the camera received no frame" + (dropped > 0 ? " (" + dropped + " not recorded)" : "");
        }
        StringBuilder b = new StringBuilder("the camera received ").append(frames.size()).append(" frame(s)");
        if (dropped > 0) {
            b.append(" (and ").append(dropped).append(" more not recorded)");
        }
        int from = Math.max(0, frames.size() - DESCRIBE_MAX);
        if (from > 0) {
            b.append(", the last ").append(DESCRIBE_MAX);
        }
        b.append(':');
        for (int i = from; i < frames.size(); i++) {
            b.append("\n  ").append(frames.get(i)).append(taken.get(i) ? " (taken)" : "");
        }
        return b.toString();
    }

    static Predicate<FakeRecordedFrame> any() {
        return f -> true;
    }

    static Predicate<FakeRecordedFrame> of(FoscCommand command) {
        return f -> f.is(command);
    }
}
