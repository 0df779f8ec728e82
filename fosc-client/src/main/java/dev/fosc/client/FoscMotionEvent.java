package dev.fosc.client;

import java.time.Instant;

/**
 * MOTION_ALERT (111): the camera detected motion (sent only while motion detection is enabled).
 *
 * @param time when it was received
 * @param rawHex the payload as lower-case hex (its meaning is unknown; {@code 0100001e} is common)
 */
public record FoscMotionEvent(Instant time, String rawHex) implements FoscEvent {
    @Override
    public String type() {
        return "motion";
    }
}
