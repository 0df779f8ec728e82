package dev.fosc.client;

import java.util.List;
import java.util.Objects;

/**
 * What the camera sent in its LOGIN_REPLY: its id and the preset and cruise names. An immutable value.
 *
 * @param cameraId the camera id (at most 12 characters; empty if the camera sent none)
 * @param presets the preset names
 * @param cruises the cruise names
 */
public record FoscLoginInfo(String cameraId, List<String> presets, List<String> cruises) {

    /**
     * Creates the value, checking its components.
     *
     * @param cameraId the camera id (at most 12 characters; empty if the camera sent none)
     * @param presets the preset names
     * @param cruises the cruise names
     * @throws NullPointerException if a reference component is null
     */
    public FoscLoginInfo {
        Objects.requireNonNull(cameraId, "cameraId");
        presets = List.copyOf(presets);
        cruises = List.copyOf(cruises);
    }
}
