package dev.fosc.client.internal;

import dev.fosc.client.FoscSessionStats;
import dev.fosc.client.FoscStream;
import dev.fosc.codec.FoscLoginReply;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The counters behind {@link FoscSessionStats}. Written only on the session's event loop (single writer, so
 * plain increments of volatile fields are safe, without locks or atomics); read from any thread. The counters
 * written for every media frame are stored with release semantics ({@link VarHandle#setRelease}) rather than as
 * volatile writes: with one writer nothing is lost, readers still see each value whole and in order, and the
 * frame path pays no memory fence (a volatile write costs one per field on x86).
 *
 * <p>The one exception is a client's sum of ended sessions ({@link FoscSessionRegistry}), which is written only
 * under the registry's lock: still a single writer at a time.
 */
final class FoscSessionCounters {

    private static final VarHandle VIDEO_FRAMES = handle("videoFrames");
    private static final VarHandle MAIN_VIDEO_FRAMES = handle("mainVideoFrames");
    private static final VarHandle MAIN_VIDEO_BYTES = handle("mainVideoBytes");
    private static final VarHandle SUB_VIDEO_FRAMES = handle("subVideoFrames");
    private static final VarHandle SUB_VIDEO_BYTES = handle("subVideoBytes");
    private static final VarHandle AUDIO_FRAMES = handle("audioFrames");
    private static final VarHandle AUDIO_BYTES = handle("audioBytes");

    private static VarHandle handle(String field) {
        try {
            return MethodHandles.lookup().findVarHandle(FoscSessionCounters.class, field, long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

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
        VIDEO_FRAMES.setRelease(this, videoFrames + 1);
        if (stream == FoscStream.SUB) {
            SUB_VIDEO_FRAMES.setRelease(this, subVideoFrames + 1);
            SUB_VIDEO_BYTES.setRelease(this, subVideoBytes + bytes);
        } else {
            MAIN_VIDEO_FRAMES.setRelease(this, mainVideoFrames + 1);
            MAIN_VIDEO_BYTES.setRelease(this, mainVideoBytes + bytes);
        }
    }

    /** An audio frame of {@code bytes} payload bytes. */
    void audioFrame(int bytes) {
        AUDIO_FRAMES.setRelease(this, audioFrames + 1);
        AUDIO_BYTES.setRelease(this, audioBytes + bytes);
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
