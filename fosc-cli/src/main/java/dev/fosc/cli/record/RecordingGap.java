package dev.fosc.cli.record;

import java.time.Duration;
import java.time.Instant;

/**
 * A stretch of the recording without video: from the moment the connection was lost to the first video frame
 * written after the reconnect (or to the end of the recording, {@code end} {@code null}).
 *
 * @param start when the connection was lost
 * @param end when video resumed, or {@code null} if it had not by the end of the recording
 * @param cause why the connection was lost (no password is ever part of it)
 */
public record RecordingGap(Instant start, Instant end, String cause) {

    /** The gap's length, up to {@code recordingEnd} when still open. */
    public Duration length(Instant recordingEnd) {
        return Duration.between(start, end != null ? end : recordingEnd);
    }
}
