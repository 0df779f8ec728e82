package dev.fosc.client;

/**
 * Receives what one session delivers. Every method has an empty default: implement only what you need.
 *
 * <p><b>Threading:</b> every call runs on the session's event loop, which is shared with many other sessions:
 * never block in it (no file or network I/O that can stall, no waiting on futures). Hand slow work to another
 * thread, copying or retaining the data first.
 *
 * <p><b>Ownership:</b> frames are borrowed (see {@link FoscVideoFrame}). An exception thrown from a callback is
 * caught and logged; the library still releases the frame and the session carries on.
 */
public interface FoscSessionListener {

    /**
     * The session changed state.
     *
     * @param cause why (the loss, the refusal), or {@code null} for an ordinary step
     * @param session the session
     * @param from the from
     * @param to the to
     */
    default void onStateChanged(FoscSession session, FoscSessionState from, FoscSessionState to, Throwable cause) {
    }

    /**
     * A video frame arrived. Borrowed: valid until this method returns.
     *
     * @param session the session
     * @param frame the frame
     */
    default void onVideoFrame(FoscSession session, FoscVideoFrame frame) {
    }

    /**
     * An audio frame arrived (already PCM). Borrowed: valid until this method returns.
     *
     * @param session the session
     * @param frame the frame
     */
    default void onAudioFrame(FoscSession session, FoscAudioFrame frame) {
    }

    /**
     * An event arrived. Events are plain values and may be kept.
     *
     * @param session the session
     * @param event the event
     */
    default void onEvent(FoscSession session, FoscEvent event) {
    }
}
