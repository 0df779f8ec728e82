package dev.fosc.client;

/**
 * Counters of one session since it was created (across reconnects). An immutable snapshot.
 *
 * @param videoFrames video frames received
 * @param audioFrames audio frames received
 * @param events events received (login events included)
 * @param droppedVideoFrames video frames a subscriber missed under {@link FoscVideoOverflow#DROP_UNTIL_KEY_FRAME}
 * @param droppedItems items a subscriber missed because its buffer was at {@link FoscSessionOptions#maxBufferedItems()}
 * @param invalidMessages frames of a known command with a malformed payload (logged and skipped)
 * @param logins accepted logins (the first one, after reconnects and after a lost login)
 * @param reconnects reconnect attempts started after a loss
 * @param pauses times reading was paused because a subscriber fell behind
 */
public record FoscSessionStats(long videoFrames, long audioFrames, long events, long droppedVideoFrames,
                               long droppedItems, long invalidMessages, long logins, long reconnects, long pauses) {
}
