package dev.fosc.client.internal;

import dev.fosc.client.FoscSessionStats;

/**
 * The counters behind {@link FoscSessionStats}. Written only on the session's event loop (single writer, so
 * plain increments of volatile fields are safe); read from any thread.
 */
final class FoscSessionCounters {
    volatile long videoFrames;
    volatile long audioFrames;
    volatile long events;
    volatile long droppedVideoFrames;
    volatile long droppedItems;
    volatile long invalidMessages;
    volatile long logins;
    volatile long reconnects;
    volatile long pauses;
    // talk (written by the session's talk, on the loop); exposed through the stats by the metrics work
    volatile long talksOpened;
    volatile long talkFramesSent;
    volatile long talkFramesPadded;
    volatile long talkFramesDroppedLate;
    volatile long talkFramesDroppedOverflow;

    FoscSessionStats snapshot() {
        return new FoscSessionStats(videoFrames, audioFrames, events, droppedVideoFrames, droppedItems,
                invalidMessages, logins, reconnects, pauses);
    }
}
