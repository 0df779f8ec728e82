package dev.fosc.client.internal;

import dev.fosc.client.FoscSessionStats;
import dev.fosc.client.FoscStream;
import dev.fosc.codec.FoscLoginReply;

/**
 * The counters behind {@link FoscSessionStats}. Written only on the session's event loop (single writer, so
 * plain increments of volatile fields are safe, without locks or atomics); read from any thread.
 *
 * <p>The one exception is a client's sum of ended sessions ({@link FoscSessionRegistry}), which is written only
 * under the registry's lock: still a single writer at a time.
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
    volatile long mainVideoFrames;
    volatile long subVideoFrames;
    volatile long mainVideoBytes;
    volatile long subVideoBytes;
    volatile long audioBytes;
    // login failures, by the session's verdict
    volatile long loginsRefused;
    volatile long loginsRateLimited;
    volatile long loginsTooManyUsers;
    volatile long loginsMalformed;
    volatile long loginsUnanswered;
    // talk (written by the session's talk, on the loop)
    volatile long talksOpened;
    volatile long talkFramesSent;
    volatile long talkFramesPadded;
    volatile long talkFramesDroppedLate;
    volatile long talkFramesDroppedOverflow;
    // bufferedBytes (what the subscribers' buffers pin) is a level, not a counter: it is read from the buffers
    // themselves (FoscSession.bufferedBytes()), not counted here

    /** A video frame of {@code bytes} payload bytes, labelled {@code stream}. */
    void videoFrame(FoscStream stream, int bytes) {
        videoFrames++;
        if (stream == FoscStream.SUB) {
            subVideoFrames++;
            subVideoBytes += bytes;
        } else {
            mainVideoFrames++;
            mainVideoBytes += bytes;
        }
    }

    /** An audio frame of {@code bytes} payload bytes. */
    void audioFrame(int bytes) {
        audioFrames++;
        audioBytes += bytes;
    }

    /**
     * A refused login, counted by the session's verdict: too many users, a refused re-login of credentials accepted
     * before (credentials suspect, retried), or refused for good (the first login).
     */
    void loginRefused(FoscLoginReply reply, boolean isFinal) {
        if (reply.result() == FoscLoginReply.RESULT_TOO_MANY_USERS) {
            loginsTooManyUsers++;
        } else if (!isFinal) {
            loginsRateLimited++;
        } else {
            loginsRefused++;
        }
    }

    FoscSessionStats snapshot() {
        return new FoscSessionStats(videoFrames, audioFrames, events, droppedVideoFrames, droppedItems,
                invalidMessages, logins, reconnects, pauses, mainVideoFrames, subVideoFrames, mainVideoBytes,
                subVideoBytes, audioBytes,
                loginsRefused, loginsRateLimited, loginsTooManyUsers, loginsMalformed, loginsUnanswered,
                talksOpened, talkFramesSent, talkFramesPadded, talkFramesDroppedLate, talkFramesDroppedOverflow);
    }

    /** Adds these counters to {@code sum}; the caller is the only writer of {@code sum} (see the class comment). */
    void addTo(FoscSessionCounters sum) {
        sum.videoFrames += videoFrames;
        sum.audioFrames += audioFrames;
        sum.events += events;
        sum.droppedVideoFrames += droppedVideoFrames;
        sum.droppedItems += droppedItems;
        sum.invalidMessages += invalidMessages;
        sum.logins += logins;
        sum.reconnects += reconnects;
        sum.pauses += pauses;
        sum.mainVideoFrames += mainVideoFrames;
        sum.subVideoFrames += subVideoFrames;
        sum.mainVideoBytes += mainVideoBytes;
        sum.subVideoBytes += subVideoBytes;
        sum.audioBytes += audioBytes;
        sum.loginsRefused += loginsRefused;
        sum.loginsRateLimited += loginsRateLimited;
        sum.loginsTooManyUsers += loginsTooManyUsers;
        sum.loginsMalformed += loginsMalformed;
        sum.loginsUnanswered += loginsUnanswered;
        sum.talksOpened += talksOpened;
        sum.talkFramesSent += talkFramesSent;
        sum.talkFramesPadded += talkFramesPadded;
        sum.talkFramesDroppedLate += talkFramesDroppedLate;
        sum.talkFramesDroppedOverflow += talkFramesDroppedOverflow;
    }
}
