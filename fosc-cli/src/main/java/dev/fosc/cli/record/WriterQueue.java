package dev.fosc.cli.record;

import java.io.IOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The recorder's one writer thread and the bounded queue in front of it. Frames may fill at most
 * {@code maxFrames} slots; {@code maxOther} more are kept for events and state changes, so a slow disk never
 * crowds those out. What does not fit is dropped and counted by kind: memory stays bounded however slow the
 * disk. After the first {@link IOException} the remaining tasks are skipped (the recording has failed).
 *
 * <p><b>Threading:</b> {@link #submit} from any thread (the session's event loop) and never blocks;
 * {@link #stop} once, from the thread that finishes the recording. The tasks run on the writer thread, in order.
 */
final class WriterQueue {

    /** What a task writes; drops are counted per kind. */
    enum Kind { VIDEO, AUDIO, EVENT, STATE }

    /** A piece of file I/O. */
    interface IoTask {
        void run() throws IOException;
    }

    private record Task(Kind kind, IoTask io) {
    }

    private static final Task STOP = new Task(Kind.STATE, () -> { });

    private final int maxFrames;
    private final ArrayBlockingQueue<Task> queue;
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private final Map<Kind, AtomicLong> dropped = new EnumMap<>(Kind.class);
    private final IoTask beforeEach;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean abandon;
    private volatile IOException ioError;
    private volatile Consumer<IOException> onError = e -> { };

    /**
     * @param maxFrames queue slots video and audio frames may use
     * @param maxOther further slots for events and state changes
     * @param beforeEach run on the writer thread before each task (tests slow the "disk" down with it)
     */
    WriterQueue(int maxFrames, int maxOther, IoTask beforeEach) {
        this.maxFrames = maxFrames;
        this.queue = new ArrayBlockingQueue<>(maxFrames + maxOther + 1);
        this.beforeEach = beforeEach;
        for (Kind k : Kind.values()) {
            dropped.put(k, new AtomicLong());
        }
        this.thread = new Thread(this::run, "fosc-record-writer");
        this.thread.setDaemon(true);
    }

    /** Starts the writer thread; {@code onError} is told (on it) about the first I/O error. */
    void start(Consumer<IOException> onError) {
        this.onError = onError;
        thread.start();
    }

    /**
     * Queues {@code io}, or drops it (counted) when the queue is full. Tasks submitted once {@link #stop} began
     * are ignored (the recording is over).
     *
     * @return whether it was queued
     */
    boolean submit(Kind kind, IoTask io) {
        if (stopping) {
            return false;
        }
        boolean frame = kind == Kind.VIDEO || kind == Kind.AUDIO;
        if (frame && queuedFrames.incrementAndGet() > maxFrames) {
            queuedFrames.decrementAndGet();
            dropped.get(kind).incrementAndGet();
            return false;
        }
        // leave the last slot for STOP
        if (queue.remainingCapacity() <= 1 || !queue.offer(new Task(kind, io))) {
            if (frame) {
                queuedFrames.decrementAndGet();
            }
            dropped.get(kind).incrementAndGet();
            return false;
        }
        return true;
    }

    /** Tasks of {@code kind} dropped so far (queue full, or abandoned by {@link #stop}). */
    long dropped(Kind kind) {
        return dropped.get(kind).get();
    }

    /** The first I/O error, or {@code null}. */
    IOException ioError() {
        return ioError;
    }

    /**
     * Lets the writer finish what is queued, for at most {@code drain}; then drops the rest (counted) and waits at
     * most {@code drain} again for the task in progress. Bounded in time whatever the disk does.
     *
     * @return whether the writer thread has ended (when not, a write is stuck and the caller closes the files
     *     under it)
     */
    boolean stop(Duration drain) {
        stopping = true;
        try {
            long deadline = System.nanoTime() + drain.toNanos();
            if (!queue.offer(STOP, drain.toNanos(), TimeUnit.NANOSECONDS)) {
                abandon = true;
            }
            long left = deadline - System.nanoTime();
            if (left > 0) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
            if (thread.isAlive()) {
                abandon = true;
                thread.interrupt();
                thread.join(Math.max(1, drain.toMillis()));
            }
        } catch (InterruptedException e) {
            abandon = true;
            thread.interrupt();
            Thread.currentThread().interrupt();
        }
        // whatever is still queued will never be written
        for (Task t; (t = queue.poll()) != null; ) {
            if (t != STOP) {
                dropped.get(t.kind()).incrementAndGet();
            }
        }
        return !thread.isAlive();
    }

    private void run() {
        while (true) {
            Task task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return; // abandoned by stop()
            }
            if (task == STOP) {
                return;
            }
            if (task.kind() == Kind.VIDEO || task.kind() == Kind.AUDIO) {
                queuedFrames.decrementAndGet();
            }
            if (abandon) {
                dropped.get(task.kind()).incrementAndGet();
                continue;
            }
            if (ioError != null) {
                continue;
            }
            try {
                beforeEach.run();
                task.io().run();
            } catch (IOException e) {
                ioError = e;
                onError.accept(e);
            }
        }
    }
}
