package dev.fosc.client.internal;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;

/**
 * The keepalive and stall detector of one connection, on one timer: when nothing was written for the keepalive
 * interval it asks for a LOGIN_CHECK; when nothing was received for the reader-idle time <em>of reading</em> it
 * reports a stall. It does the work of Netty's {@code IdleStateHandler} (reader- and writer-idle) with one scheduled
 * task per connection instead of two and no pipeline handler: an idle logged-in session is about 270 bytes smaller,
 * which matters at thousands of cameras per process.
 *
 * <p>What counts: every read burst ({@link #bytesReceived()}, called at {@code channelReadComplete}: partial frames
 * count, as they did at the head of the pipeline) and every write the connection starts ({@link #wrote()}; the
 * camera counts the client's bytes, and a write waiting in the outbound buffer is on its way). The reader-idle time
 * counts only while reading is on ({@link #readingResumed()}): bytes that sit unread while the application holds
 * reading off are no stall.
 *
 * <p>The timer runs at the earlier of the two deadlines, so at least once per keepalive interval while started.
 * Used on the connection's event loop only; not thread-safe.
 */
final class FoscKeepalive implements Runnable {

    /** What the keepalive asks of its connection. */
    interface Actions {
        /** Nothing was written for the keepalive interval: send LOGIN_CHECK (which calls {@link #wrote()}). */
        void keepaliveDue();

        /** Whether reading is on now (silence while it is off is not a stall). */
        boolean reading();

        /** Nothing was received for the reader-idle time of reading: the connection stalled. */
        void stalled();
    }

    private final EventExecutor executor;
    private final Actions actions;
    private final long keepaliveNanos;
    private final long readerIdleNanos;
    private ScheduledFuture<?> timer;
    private long lastWrite;
    /** The later of the last read burst and the last time reading was switched on. */
    private long lastReadOrResume;

    FoscKeepalive(EventExecutor executor, long keepaliveNanos, long readerIdleNanos, Actions actions) {
        this.executor = executor;
        this.keepaliveNanos = keepaliveNanos;
        this.readerIdleNanos = readerIdleNanos;
        this.actions = actions;
    }

    /** Starts the timer (both clocks from now); a second call does nothing. */
    void start() {
        if (timer != null) {
            return;
        }
        long now = now();
        lastWrite = now;
        lastReadOrResume = now;
        schedule(now);
    }

    /** Whether {@link #start()} was called and {@link #stop()} not yet. */
    boolean isStarted() {
        return timer != null;
    }

    /** Stops the timer for good (the connection closed). */
    void stop() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    /** A read burst brought bytes. */
    void bytesReceived() {
        if (timer != null) {
            lastReadOrResume = now();
        }
    }

    /** Reading was switched on again: the reader-idle time starts over. */
    void readingResumed() {
        bytesReceived();
    }

    /** The connection started a write. */
    void wrote() {
        if (timer != null) {
            lastWrite = now();
        }
    }

    @Override
    public void run() {
        if (timer == null) {
            return; // stopped
        }
        long now = now();
        if (actions.reading() && now - lastReadOrResume >= readerIdleNanos) {
            stop();
            actions.stalled();
            return;
        }
        if (now - lastWrite >= keepaliveNanos) {
            lastWrite = now;
            actions.keepaliveDue();
            if (timer == null) {
                return; // the write failed and closed the connection
            }
        }
        schedule(now);
    }

    /**
     * Runs again at the next deadline: the keepalive's, and the stall detector's while reading is on (while it is
     * off, at the keepalive's only: the reader-idle time is always the longer, so a resumed reader is looked at in
     * time).
     */
    private void schedule(long now) {
        long due = lastWrite + keepaliveNanos;
        if (actions.reading()) {
            due = Math.min(due, lastReadOrResume + readerIdleNanos);
        }
        timer = executor.schedule(this, Math.max(0, due - now), TimeUnit.NANOSECONDS);
    }

    private long now() {
        return executor.ticker().nanoTime();
    }
}
