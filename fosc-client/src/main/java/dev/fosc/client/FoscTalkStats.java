package dev.fosc.client;

import java.time.Duration;
import java.util.Objects;

/**
 * What one talk did so far (or, from {@link FoscTalk#close()} and {@link FoscTalk#completion()}, in all). An
 * immutable snapshot; frames are 60 ms each.
 *
 * @param framesSent TALK_DATA frames written to the connection, lead-in included
 * @param leadInFrames frames of lead-in silence among {@code framesSent}
 * @param framesPadded frames completed with silence (the last partial frame at close)
 * @param framesDroppedLate frames dropped because they would have been sent more than
 *     {@link FoscTalkOptions#maxLatency()} behind real time, or because the connection was not writable in their slot
 * @param framesDroppedOverflow audio refused because the talk buffer was full, in 960-byte frames rounded up
 * @param bytesWritten PCM bytes the application wrote and the talk accepted
 * @param latenessP50 the median delay of the sends against their schedule (a bucket's upper bound)
 * @param latenessP99 the 99th percentile of that delay (a bucket's upper bound)
 * @param speakerOnLength the SPEAKER_ON size the camera accepted
 * @param encoding the encoding of the frames sent
 */
public record FoscTalkStats(long framesSent, long leadInFrames, long framesPadded, long framesDroppedLate,
                            long framesDroppedOverflow, long bytesWritten, Duration latenessP50,
                            Duration latenessP99, int speakerOnLength, FoscTalkEncoding encoding) {

    /**
     * Creates the value, checking its components.
     *
     * @param framesSent TALK_DATA frames written to the connection, lead-in included
     * @param leadInFrames frames of lead-in silence among {@code framesSent}
     * @param framesPadded frames completed with silence (the last partial frame at close)
     * @param framesDroppedLate frames dropped because they would have been sent more than
     *     {@link FoscTalkOptions#maxLatency()} behind real time, or because the connection was not writable in their
     *     slot
     * @param framesDroppedOverflow audio refused because the talk buffer was full, in 960-byte frames rounded up
     * @param bytesWritten PCM bytes the application wrote and the talk accepted
     * @param latenessP50 the median delay of the sends against their schedule (a bucket's upper bound)
     * @param latenessP99 the 99th percentile of that delay (a bucket's upper bound)
     * @param speakerOnLength the SPEAKER_ON size the camera accepted
     * @param encoding the encoding of the frames sent
     * @throws NullPointerException if a reference component is null
     */
    public FoscTalkStats {
        Objects.requireNonNull(latenessP50, "latenessP50");
        Objects.requireNonNull(latenessP99, "latenessP99");
        Objects.requireNonNull(encoding, "encoding");
    }
}
