package dev.fosc.client;

/**
 * What a video publisher does when a subscriber falls behind (its buffer reaches the high water mark).
 */
public enum FoscVideoOverflow {
    /** Stop reading from the socket (autoRead off) until the buffer drains below the low water mark. */
    BACK_PRESSURE,
    /**
     * Keep reading; drop video frames for that subscriber until the next key frame that fits under the high
     * water mark, so the decoder restarts cleanly. Dropped frames are counted in
     * {@link FoscSessionStats#droppedVideoFrames()}.
     */
    DROP_UNTIL_KEY_FRAME
}
