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
 * <p>Thread-safe: the event loop adds, tests read and wait. The lock guards the list only: a test's predicate
 * runs on the waiting thread after the lock is released, so a slow or blocking predicate never holds up the
 * camera's event loop (which takes the lock to record a frame).
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
    private int generation; // incremented by clear(): indexes of an older generation mean nothing
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
        generation++;
        frames.clear();
        taken.clear();
        bytes = 0;
        dropped = 0;
        full = max == 0 || maxBytes == 0;
        notifyAll();
    }

    /** The first frame not yet taken that matches; consumes it. The predicate runs outside the lock. */
    FakeRecordedFrame take(Predicate<FakeRecordedFrame> match, String what, Duration timeout) {
        EventLoopCheck.refuseOnEventLoop("FakeCamera.takeFrame");
        long deadline = System.nanoTime() + timeout.toNanos();
        Cursor cursor = new Cursor();
        while (true) {
            List<FakeRecordedFrame> fresh = cursor.next(deadline, what, timeout);
            for (int k = 0; k < fresh.size(); k++) {
                if (match.test(fresh.get(k)) && claim(cursor, cursor.base + k)) {
                    return fresh.get(k);
                }
            }
        }
    }

    /** The first frame (taken or not) that matches; consumes nothing. The predicate runs outside the lock. */
    FakeRecordedFrame await(Predicate<FakeRecordedFrame> match, String what, Duration timeout) {
        EventLoopCheck.refuseOnEventLoop("FakeCamera.awaitFrame");
        long deadline = System.nanoTime() + timeout.toNanos();
        Cursor cursor = new Cursor();
        while (true) {
            for (FakeRecordedFrame f : cursor.next(deadline, what, timeout)) {
                if (match.test(f)) {
                    return f;
                }
            }
        }
    }

    /** Waits until {@code count} frames match; returns them. The predicate runs outside the lock. */
    List<FakeRecordedFrame> awaitCount(Predicate<FakeRecordedFrame> match, int count, String what,
                                       Duration timeout) {
        EventLoopCheck.refuseOnEventLoop("FakeCamera.awaitFrames");
        long deadline = System.nanoTime() + timeout.toNanos();
        Cursor cursor = new Cursor();
        List<FakeRecordedFrame> found = new ArrayList<>();
        while (true) {
            if (found.size() >= count) {
                return found;
            }
            int generation = cursor.generation;
            List<FakeRecordedFrame> fresh = cursor.next(deadline,
                    count + " × " + what + " (" + found.size() + " so far)", timeout);
            if (cursor.generation != generation) {
                found.clear(); // cleared meanwhile: count again from the start
            }
            for (FakeRecordedFrame f : fresh) {
                if (match.test(f)) {
                    found.add(f);
                }
            }
        }
    }

    /** Marks frame {@code index} taken unless another taker was first or the recording was cleared meanwhile. */
    private synchronized boolean claim(Cursor cursor, int index) {
        if (cursor.generation != generation || taken.get(index)) {
            return false;
        }
        taken.set(index);
        return true;
    }

    /**
     * A waiting thread's position in the recording: hands out, under the lock, copies of the frames it has not
     * examined yet (untaken ones only for {@code take}, which checks again when it claims), waiting for new
     * ones; the caller tests them after the lock is released. Frames are only appended, so each frame is
     * examined once; a {@link #clear()} (a new generation) starts over.
     */
    private final class Cursor {
        int generation = -1;
        int base;
        private int examined;

        List<FakeRecordedFrame> next(long deadline, String what, Duration timeout) {
            synchronized (FrameRecorder.this) {
                while (true) {
                    if (generation != FrameRecorder.this.generation) {
                        generation = FrameRecorder.this.generation;
                        examined = 0;
                    }
                    if (examined < frames.size()) {
                        base = examined;
                        List<FakeRecordedFrame> fresh = new ArrayList<>(frames.subList(examined, frames.size()));
                        examined = frames.size();
                        return fresh;
                    }
                    waitUntil(deadline, what, timeout);
                }
            }
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
