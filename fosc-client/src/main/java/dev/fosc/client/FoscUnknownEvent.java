package dev.fosc.client;

import java.time.Instant;
import java.util.Arrays;

/**
 * A frame with a command id this library does not know (23, 105, 200–252 are seen on real cameras). Unknown ids
 * are passed on, never treated as errors.
 *
 * @param time when it was received
 * @param command the command id
 * @param payload a copy of the payload (owned by the receiver)
 */
public record FoscUnknownEvent(Instant time, long command, byte[] payload) implements FoscEvent {
    @Override
    public String type() {
        return "unknown";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FoscUnknownEvent && ((FoscUnknownEvent) o).command == command
                && ((FoscUnknownEvent) o).time.equals(time) && Arrays.equals(((FoscUnknownEvent) o).payload, payload);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(command) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "FoscUnknownEvent[time=" + time + ", command=" + command + ", length=" + payload.length + "]";
    }
}
