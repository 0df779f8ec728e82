package dev.fosc.client;

import java.time.Instant;

/**
 * MIRROR_FLIP (108): the image orientation changed.
 *
 * @param time when it was received
 * @param mirror whether the image is mirrored
 * @param flip whether the image is flipped
 */
public record FoscMirrorFlipEvent(Instant time, boolean mirror, boolean flip) implements FoscEvent {
    @Override
    public String type() {
        return "mirrorFlip";
    }
}
