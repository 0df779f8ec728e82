package dev.fosc.client;

import java.time.Instant;

/**
 * POWER_FREQUENCY (112): the power line frequency mode.
 *
 * @param time when it was received
 * @param frequency the raw value: 0 = 60 Hz, 1 = 50 Hz, 2 = outdoor
 */
public record FoscPowerFrequencyEvent(Instant time, int frequency) implements FoscEvent {
    @Override
    public String type() {
        return "powerFrequency";
    }
}
