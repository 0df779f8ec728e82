package dev.fosc.client;

import java.time.Instant;

/**
 * COLOR_ADJUST (110): the image colour settings, each 0..100.
 *
 * @param time when it was received
 * @param brightness brightness
 * @param contrast contrast
 * @param hue hue
 * @param saturation saturation
 * @param sharpness sharpness
 * @param denoise denoise (always 50 on the seed camera)
 */
public record FoscColorEvent(Instant time, int brightness, int contrast, int hue, int saturation, int sharpness,
                             int denoise) implements FoscEvent {
    @Override
    public String type() {
        return "color";
    }
}
