package dev.fosc.client.internal;

import dev.fosc.client.FoscColorEvent;
import dev.fosc.client.FoscCruisesChangedEvent;
import dev.fosc.client.FoscEvent;
import dev.fosc.client.FoscMirrorFlipEvent;
import dev.fosc.client.FoscMotionEvent;
import dev.fosc.client.FoscPowerFrequencyEvent;
import dev.fosc.client.FoscPresetsChangedEvent;
import dev.fosc.client.FoscStreamSelectEvent;
import dev.fosc.client.FoscUnknownEvent;
import dev.fosc.codec.FoscColorAdjust;
import dev.fosc.codec.FoscCruisesChanged;
import dev.fosc.codec.FoscMessage;
import dev.fosc.codec.FoscMirrorFlip;
import dev.fosc.codec.FoscMotionAlert;
import dev.fosc.codec.FoscPowerFrequency;
import dev.fosc.codec.FoscPresetsChanged;
import dev.fosc.codec.FoscStreamSelect;
import dev.fosc.codec.FoscUnknownMessage;
import io.netty.buffer.ByteBufUtil;

import java.time.Instant;

/** Turns decoded event messages into public {@link FoscEvent} values. Stateless. */
final class FoscEvents {

    private FoscEvents() {
    }

    /**
     * The event for {@code message}, or {@code null} if it is not an event. Never releases {@code message}; an
     * unknown message's payload is copied.
     */
    static FoscEvent of(FoscMessage message, Instant time) {
        if (message instanceof FoscMotionAlert) {
            return new FoscMotionEvent(time, ((FoscMotionAlert) message).rawHex());
        }
        if (message instanceof FoscPresetsChanged) {
            return new FoscPresetsChangedEvent(time, ((FoscPresetsChanged) message).presets());
        }
        if (message instanceof FoscCruisesChanged) {
            return new FoscCruisesChangedEvent(time, ((FoscCruisesChanged) message).cruises());
        }
        if (message instanceof FoscMirrorFlip) {
            FoscMirrorFlip m = (FoscMirrorFlip) message;
            return new FoscMirrorFlipEvent(time, m.mirror() != 0, m.flip() != 0);
        }
        if (message instanceof FoscColorAdjust) {
            FoscColorAdjust c = (FoscColorAdjust) message;
            return new FoscColorEvent(time, c.brightness(), c.contrast(), c.hue(), c.saturation(), c.sharpness(),
                    c.denoise());
        }
        if (message instanceof FoscPowerFrequency) {
            return new FoscPowerFrequencyEvent(time, ((FoscPowerFrequency) message).frequency());
        }
        if (message instanceof FoscStreamSelect) {
            return new FoscStreamSelectEvent(time, ((FoscStreamSelect) message).stream());
        }
        if (message instanceof FoscUnknownMessage) {
            FoscUnknownMessage u = (FoscUnknownMessage) message;
            return new FoscUnknownEvent(time, u.command().id(), ByteBufUtil.getBytes(u.content()));
        }
        return null;
    }
}
