package dev.fosc.client;

import java.time.Instant;
import java.util.List;

/**
 * PRESETS_CHANGED (106): the camera's preset list.
 *
 * @param time when it was received
 * @param presets the valid preset names
 */
public record FoscPresetsChangedEvent(Instant time, List<String> presets) implements FoscEvent {
    /**
     * Creates the value, checking its components.
     *
     * @param time when it was received
     * @param presets the valid preset names
     * @throws NullPointerException if a reference component is null
     */
    public FoscPresetsChangedEvent {
        presets = List.copyOf(presets);
    }

    @Override
    public String type() {
        return "presetsChanged";
    }
}
