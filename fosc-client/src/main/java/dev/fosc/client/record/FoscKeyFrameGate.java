package dev.fosc.client.record;

import dev.fosc.client.FoscVideoFrame;

/**
 * Decides which video frames a recorder (or a bridge) may use so that a decoder never sees a frame whose references
 * it did not get: nothing before the first key frame, and after a {@link FoscVideoFrame#isDiscontinuity()
 * discontinuity} (a reconnect) nothing until the next key frame. It also keeps the stream's current
 * {@link FoscH264Parameters}, taken from the key frames that carry them.
 *
 * <pre>{@code
 * public void onVideoFrame(FoscSession session, FoscVideoFrame frame) {
 *     if (gate.admit(frame)) {
 *         if (gate.startsSegment()) { ... new file or segment, header from gate.parameters() ... }
 *         queue.offer(frame.copyData());
 *     }
 * }
 * }</pre>
 *
 * <p><b>Threading:</b> not thread-safe; one gate per stream, called from the thread that sees the frames (the
 * session's event loop in a listener: {@code admit} is cheap, it parses only key frames' parameter sets). It keeps
 * no frame and no buffer.
 */
public final class FoscKeyFrameGate {

    private boolean waiting = true;
    private boolean startsSegment;
    private FoscH264Parameters parameters;
    private boolean parametersChanged;
    private long admitted;
    private long skipped;
    private long segments;

    /** A gate that waits for the first key frame. */
    public FoscKeyFrameGate() {
    }

    /**
     * Whether to use {@code frame}: false while waiting for a key frame (at the start, after a discontinuity, after
     * {@link #resync()}), true from the key frame on. The frame stays the caller's (it is only read).
     *
     * @throws IllegalArgumentException if a key frame carries an SPS that cannot be read
     * @param frame the frame
     * @return whether to use {@code frame}: false while waiting for a key frame (at the start, after a discontinuity,
     *     after {@link #resync()}), true from the key frame on
     */
    public boolean admit(FoscVideoFrame frame) {
        if (frame.isDiscontinuity()) {
            waiting = true;
        }
        boolean key = frame.isKeyFrame();
        if (key) {
            FoscH264Parameters found = FoscH264Parameters.fromAccessUnit(frame.data());
            parametersChanged = found != null && !found.equals(parameters);
            if (found != null) {
                parameters = found;
            }
        } else {
            parametersChanged = false;
        }
        if (waiting && !key) {
            skipped++;
            startsSegment = false;
            return false;
        }
        startsSegment = waiting;
        if (waiting) {
            segments++;
        }
        waiting = false;
        admitted++;
        return true;
    }

    /** Skips frames until the next key frame, as after a discontinuity (the application lost frames itself). */
    public void resync() {
        waiting = true;
    }

    /**
     * {@return whether the frame {@link #admit admitted} last starts a segment: the first one used, and the key frame
     * after
     * each discontinuity or {@link #resync()}} A recorder starts a new file or segment there.
     */
    public boolean startsSegment() {
        return startsSegment;
    }

    /** {@return whether the gate waits for a key frame now} */
    public boolean waitingForKeyFrame() {
        return waiting;
    }

    /**
     * {@return the parameter sets of the current stream, from the last key frame that carried them; {@code null}
     * before}
     */
    public FoscH264Parameters parameters() {
        return parameters;
    }

    /**
     * {@return whether the last frame given to {@link #admit} carried parameter sets different from the ones before
     * (the
     * first ones included): the camera's resolution or profile changed, and an SDP or a container header with the
     * old ones is stale}
     */
    public boolean parametersChanged() {
        return parametersChanged;
    }

    /** {@return frames admitted} */
    public long admitted() {
        return admitted;
    }

    /** {@return frames skipped while waiting for a key frame} */
    public long skipped() {
        return skipped;
    }

    /** {@return segments started: the first key frame and each key frame after a discontinuity or resync} */
    public long segments() {
        return segments;
    }

    @Override
    public String toString() {
        return "FoscKeyFrameGate[" + (waiting ? "waiting for a key frame" : "passing") + ", admitted=" + admitted
                + ", skipped=" + skipped + ", segments=" + segments + ", parameters=" + parameters + "]";
    }
}
