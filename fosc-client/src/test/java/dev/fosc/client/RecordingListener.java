package dev.fosc.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A listener for integration tests: counts frames (copying what tests look at, never keeping a borrowed
 * buffer), records states with their causes and events. Thread-safe.
 */
final class RecordingListener implements FoscSessionListener {

    /** One state change. */
    record Change(FoscSessionState from, FoscSessionState to, Throwable cause, long nanos) {
        @Override
        public String toString() {
            return from + "->" + to + (cause == null ? "" : "(" + cause.getClass().getSimpleName() + ")");
        }
    }

    final AtomicInteger videoFrames = new AtomicInteger();
    final AtomicInteger keyFrames = new AtomicInteger();
    final AtomicInteger audioFrames = new AtomicInteger();
    final AtomicReference<String> firstVideo = new AtomicReference<>();
    final AtomicReference<byte[]> lastPcm = new AtomicReference<>();
    final AtomicReference<byte[]> lastOriginalAudio = new AtomicReference<>();
    final AtomicReference<String> audioFormat = new AtomicReference<>();
    final List<Change> changes = new CopyOnWriteArrayList<>();
    final List<FoscEvent> events = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    volatile boolean throwFromCallbacks;

    @Override
    public void onStateChanged(FoscSession session, FoscSessionState from, FoscSessionState to, Throwable cause) {
        changes.add(new Change(from, to, cause, System.nanoTime()));
    }

    @Override
    public void onVideoFrame(FoscSession session, FoscVideoFrame frame) {
        if (videoFrames.getAndIncrement() == 0) {
            firstVideo.set((frame.isKeyFrame() ? "key " : "delta ") + frame.width() + "x" + frame.height() + " "
                    + frame.stream());
            threads.add(Thread.currentThread().getName());
        }
        if (frame.isKeyFrame()) {
            keyFrames.incrementAndGet();
        }
        if (throwFromCallbacks) {
            throw new IllegalStateException("application bug in onVideoFrame");
        }
    }

    @Override
    public void onAudioFrame(FoscSession session, FoscAudioFrame frame) {
        audioFrames.incrementAndGet();
        lastPcm.set(frame.copyPcm());
        lastOriginalAudio.set(frame.copyOriginal());
        audioFormat.set(frame.format().jsonName());
        if (throwFromCallbacks) {
            throw new IllegalStateException("application bug in onAudioFrame");
        }
    }

    @Override
    public void onEvent(FoscSession session, FoscEvent event) {
        events.add(event);
    }

    List<FoscSessionState> states() {
        List<FoscSessionState> out = new ArrayList<>();
        for (Change c : changes) {
            out.add(c.to());
        }
        return out;
    }

    <T extends FoscEvent> List<T> events(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (FoscEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return out;
    }

    /** Polls {@code condition} until it holds (generous timeout), failing with {@code describe}. */
    static void await(BooleanSupplier condition, Duration timeout, Supplier<String> describe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + ": " + describe.get());
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
