package dev.fosc.client;

import java.time.Instant;

/**
 * STREAM_SELECT (113): the camera's selected stream.
 *
 * @param time when it was received
 * @param stream the stream number
 */
public record FoscStreamSelectEvent(Instant time, int stream) implements FoscEvent {
    @Override
    public String type() {
        return "streamSelect";
    }
}
