package dev.fosc.client;

import java.time.Instant;
import java.util.List;

/**
 * CRUISES_CHANGED (107): the camera's cruise list.
 *
 * @param time when it was received
 * @param cruises the valid cruise names
 */
public record FoscCruisesChangedEvent(Instant time, List<String> cruises) implements FoscEvent {
    /**
     * Creates the value, checking its components.
     *
     * @param time when it was received
     * @param cruises the valid cruise names
     * @throws NullPointerException if a reference component is null
     */
    public FoscCruisesChangedEvent {
        cruises = List.copyOf(cruises);
    }

    @Override
    public String type() {
        return "cruisesChanged";
    }
}
