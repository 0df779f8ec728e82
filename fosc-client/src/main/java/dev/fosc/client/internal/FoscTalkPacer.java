package dev.fosc.client.internal;

import dev.fosc.client.FoscTalkOptions;

/**
 * The schedule of one talk: one frame every {@link #PERIOD_NANOS} at absolute deadlines {@code anchor + k·period}
 * (so small delays of the event loop do not add up), and the two latency rules of
 * {@link FoscTalkOptions#maxLatency()}. Pure arithmetic on the event loop's clock; it neither schedules nor sends.
 *
 * <ul>
 *   <li>A send that runs less than a period late keeps the schedule; one that missed whole slots is sent at once
 *       and the schedule re-anchors there, so the missed slots are never made up with a burst.</li>
 *   <li>A send more than the latency bound late drops the frames of the slots beyond the bound
 *       ({@link #framesTooLate}).</li>
 *   <li>Buffered audio that would wait more than the latency bound is dropped, oldest whole frames first
 *       ({@link #framesOverLatency}): a writer faster than real time cannot build up delay.</li>
 *   <li>After a pause (nothing to send), {@link #start} re-anchors no earlier than one period after the last
 *       send, so that frame has played before the next arrives.</li>
 * </ul>
 *
 * <p>Threading: used only on the session's event loop; no locks.
 */
final class FoscTalkPacer {

    /** The duration of one frame: 60 ms. */
    static final long PERIOD_NANOS = FoscTalkOptions.FRAME_DURATION.toNanos();
    private static final int FRAME = FoscTalkOptions.FRAME_BYTES;

    private final long maxLatencyNanos;
    private final int latencyBytes;
    private long anchor;
    private long slot;
    private long lastSend;
    private boolean sentAny;

    /** @param maxLatencyNanos the latency bound ({@link FoscTalkOptions#maxLatency()}) */
    FoscTalkPacer(long maxLatencyNanos) {
        this.maxLatencyNanos = maxLatencyNanos;
        // the PCM that may wait behind the frame being sent, rounded down to whole bytes of a sample
        this.latencyBytes = (int) Math.min(Integer.MAX_VALUE / 2, maxLatencyNanos * FRAME / PERIOD_NANOS) & ~1;
    }

    /** (Re)starts the schedule at {@code now}, or one period after the last send if that is later. @return the
     *  first deadline */
    long start(long now) {
        anchor = sentAny ? Math.max(now, lastSend + PERIOD_NANOS) : now;
        slot = 0;
        return anchor;
    }

    /** The deadline of the next slot. */
    long deadline() {
        return anchor + slot * PERIOD_NANOS;
    }

    /** How late a send at {@code now} is against {@link #deadline()} (never negative). */
    long lateness(long now) {
        return Math.max(0, now - deadline());
    }

    /** Frames to drop because their slots lie more than the latency bound before {@code now}. */
    int framesTooLate(long now) {
        long over = now - deadline() - maxLatencyNanos;
        return over <= 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, (over + PERIOD_NANOS - 1) / PERIOD_NANOS);
    }

    /**
     * Whole frames to drop from the head of {@code buffered} PCM bytes (the next frame to send included) so that
     * nothing behind the next frame waits more than the latency bound.
     */
    int framesOverLatency(int buffered) {
        long excess = (long) buffered - FRAME - latencyBytes;
        return excess <= 0 ? 0 : (int) ((excess + FRAME - 1) / FRAME);
    }

    /** The most PCM a back-pressured source should buffer: what may wait, plus the frame being sent. */
    int latencyLimitBytes() {
        return latencyBytes + FRAME;
    }

    /** A frame was sent at {@code now} for the current slot. @return the next deadline, always after {@code now} */
    long sent(long now) {
        lastSend = now;
        sentAny = true;
        if (now - deadline() >= PERIOD_NANOS) {
            anchor = now; // missed whole slots: go on from here, never make them up
            slot = 1;
        } else {
            slot++;
        }
        return deadline();
    }

    /**
     * The slot was used without a send (the frame was dropped). @return the next deadline, always after
     * {@code now}
     */
    long skipped(long now) {
        if (now - deadline() >= PERIOD_NANOS) {
            anchor = now;
            slot = 1;
        } else {
            slot++;
        }
        return deadline();
    }
}
