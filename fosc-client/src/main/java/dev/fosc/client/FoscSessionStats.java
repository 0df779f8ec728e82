package dev.fosc.client;

/**
 * Counters of one session since it was created (across reconnects). An immutable snapshot: {@link
 * FoscSession#stats()} reads the live counters (plain volatile fields written by the session's event loop only),
 * so taking one is cheap and never blocks the session; the components are read one by one, so two of them may be
 * a frame apart. Every counter only grows. {@link FoscClient#stats()} sums them over a client's sessions.
 *
 * <p>Video frames are labelled with the stream the session requested last ({@link FoscStream#MAIN} until
 * {@code videoOn(SUB)}); byte counts are media payload bytes (after the 36-byte media header), as received.
 *
 * @param videoFrames video frames received ({@code mainVideoFrames + subVideoFrames})
 * @param audioFrames audio frames received
 * @param events events received (login events included)
 * @param droppedVideoFrames video frames a subscriber missed under {@link FoscVideoOverflow#DROP_UNTIL_KEY_FRAME}
 * @param droppedItems items a subscriber missed because its buffer was at {@link FoscSessionOptions#maxBufferedItems()}
 *     (the hard cap)
 * @param invalidMessages frames of a known command with a malformed payload (logged and skipped)
 * @param logins accepted logins (the first one, after reconnects and after a lost login)
 * @param reconnects reconnect attempts started after a loss
 * @param pauses times reading was paused because a subscriber fell behind
 * @param mainVideoFrames video frames received while the main stream was requested
 * @param subVideoFrames video frames received while the sub stream was requested
 * @param mainVideoBytes video payload bytes received while the main stream was requested
 * @param subVideoBytes video payload bytes received while the sub stream was requested
 * @param audioBytes audio payload bytes received, as sent by the camera (G.726 or PCM, before decoding)
 * @param loginsRefused first logins the camera refused (bad credentials, access denied, an empty reply): the
 *     session failed
 * @param loginsRateLimited re-logins refused (bad credentials, access denied, an empty reply) after the camera had
 *     accepted the credentials in this session: most often its limit on back-to-back logins; the session went to
 *     {@link FoscSessionState#CREDENTIALS_SUSPECT} and retried
 * @param loginsTooManyUsers logins refused because the camera had too many users (retried after a long backoff)
 * @param loginsMalformed logins answered with a malformed LOGIN_REPLY (not logged in: final on the first login,
 *     retried as credentials suspect after an accepted one)
 * @param loginsUnanswered logins whose connection ended before a reply came: no LOGIN_REPLY within the request
 *     timeout, or the camera closed the connection
 * @param talksOpened talks opened on the camera's speaker
 * @param talkFramesSent TALK_DATA frames sent
 * @param talkFramesPadded TALK_DATA frames sent with silence padding (the last of a write, or a lead-in)
 * @param talkFramesDroppedLate talk frames dropped because they fell too far behind real time
 * @param talkFramesDroppedOverflow talk frames dropped because the talk buffer was full
 */
public record FoscSessionStats(long videoFrames, long audioFrames, long events, long droppedVideoFrames,
                               long droppedItems, long invalidMessages, long logins, long reconnects, long pauses,
                               long mainVideoFrames, long subVideoFrames, long mainVideoBytes, long subVideoBytes,
                               long audioBytes,
                               long loginsRefused, long loginsRateLimited, long loginsTooManyUsers,
                               long loginsMalformed, long loginsUnanswered,
                               long talksOpened, long talkFramesSent, long talkFramesPadded,
                               long talkFramesDroppedLate, long talkFramesDroppedOverflow) {

    /** All zero: the stats of a session that has received nothing, and the start of a sum. */
    public static final FoscSessionStats ZERO = new FoscSessionStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0);

    /** {@return video payload bytes received, both streams} */
    public long videoBytes() {
        return mainVideoBytes + subVideoBytes;
    }

    /**
     * {@return logins that did not succeed, whatever the reason (the sum of the five {@code logins*} failure counts)}
     */
    public long loginFailures() {
        return loginsRefused + loginsRateLimited + loginsTooManyUsers + loginsMalformed + loginsUnanswered;
    }

    /** {@return talk frames dropped, late or on overflow} */
    public long talkFramesDropped() {
        return talkFramesDroppedLate + talkFramesDroppedOverflow;
    }

    /**
     * {@return the component-wise sum of these counters and {@code other}'s: for totals over several sessions}
     *
     * @param other the other
     */
    public FoscSessionStats plus(FoscSessionStats other) {
        return new FoscSessionStats(videoFrames + other.videoFrames, audioFrames + other.audioFrames,
                events + other.events, droppedVideoFrames + other.droppedVideoFrames,
                droppedItems + other.droppedItems, invalidMessages + other.invalidMessages, logins + other.logins,
                reconnects + other.reconnects, pauses + other.pauses, mainVideoFrames + other.mainVideoFrames,
                subVideoFrames + other.subVideoFrames, mainVideoBytes + other.mainVideoBytes,
                subVideoBytes + other.subVideoBytes, audioBytes + other.audioBytes,
                loginsRefused + other.loginsRefused, loginsRateLimited + other.loginsRateLimited,
                loginsTooManyUsers + other.loginsTooManyUsers, loginsMalformed + other.loginsMalformed,
                loginsUnanswered + other.loginsUnanswered, talksOpened + other.talksOpened,
                talkFramesSent + other.talkFramesSent, talkFramesPadded + other.talkFramesPadded,
                talkFramesDroppedLate + other.talkFramesDroppedLate,
                talkFramesDroppedOverflow + other.talkFramesDroppedOverflow);
    }
}
