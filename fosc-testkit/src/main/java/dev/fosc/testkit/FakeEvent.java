package dev.fosc.testkit;

import dev.fosc.codec.FoscColorAdjust;
import dev.fosc.codec.FoscCommand;
import dev.fosc.codec.FoscCruisesChanged;
import dev.fosc.codec.FoscMessage;
import dev.fosc.codec.FoscMirrorFlip;
import dev.fosc.codec.FoscMotionAlert;
import dev.fosc.codec.FoscPowerFrequency;
import dev.fosc.codec.FoscPresetsChanged;
import dev.fosc.codec.FoscStreamSelect;
import dev.fosc.codec.FoscUnknownMessage;
import io.netty.buffer.Unpooled;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An event the camera pushes to its logged-in connections (docs/protocol.md §3: 106, 107, 108, 110, 111, 112,
 * 113, or any unknown id): {@link FakeCamera#sendEvent(FakeEvent)} now, or
 * {@link FakeCamera#scheduleEvent(FakeEvent, java.time.Duration)} periodically.
 *
 * <p>Immutable and thread-safe. It holds plain values; the wire message is built afresh for every send.
 */
public final class FakeEvent {

    private final String description;
    private final FoscCommand command;
    private final Function<FakeCameraProfile, FoscMessage> factory;

    private FakeEvent(String description, FoscCommand command, Function<FakeCameraProfile, FoscMessage> factory) {
        this.description = description;
        this.command = command;
        this.factory = factory;
    }

    /**
     * MOTION_ALERT (111) with the 4 bytes HD cameras send ({@code 01 00 00 1e}).
     *
     * @return the event
     */
    public static FakeEvent motion() {
        return new FakeEvent("motion", FoscCommand.MOTION_ALERT, p -> FoscMotionAlert.DEFAULT);
    }

    /**
     * MOTION_ALERT (111) with these raw bytes (2 bytes on older firmware).
     *
     * @param raw the raw
     * @return the event
     */
    public static FakeEvent motion(byte[] raw) {
        FoscMotionAlert alert = new FoscMotionAlert(raw);
        return new FakeEvent("motion " + alert.rawHex(), FoscCommand.MOTION_ALERT, p -> alert);
    }

    /**
     * PRESETS_CHANGED (106) with these names (at most 16).
     *
     * @param presets the presets
     * @return the event
     */
    public static FakeEvent presetsChanged(List<String> presets) {
        FoscPresetsChanged msg = new FoscPresetsChanged(presets);
        return new FakeEvent("presets " + msg.presets(), FoscCommand.PRESETS_CHANGED, p -> msg);
    }

    /**
     * CRUISES_CHANGED (107) with these names (at most 8).
     *
     * @param cruises the cruises
     * @return the event
     */
    public static FakeEvent cruisesChanged(List<String> cruises) {
        FoscCruisesChanged msg = new FoscCruisesChanged(cruises);
        return new FakeEvent("cruises " + msg.cruises(), FoscCommand.CRUISES_CHANGED, p -> msg);
    }

    /**
     * MIRROR_FLIP (108) in the size of the camera's profile (8 bytes, or 2 on an R2C).
     *
     * @param mirror the mirror
     * @param flip the flip
     * @return the event
     */
    public static FakeEvent mirrorFlip(int mirror, int flip) {
        new FoscMirrorFlip(mirror, flip, FoscMirrorFlip.SHORT_LENGTH); // validates both forms' ranges
        return new FakeEvent("mirror=" + mirror + " flip=" + flip, FoscCommand.MIRROR_FLIP,
                p -> new FoscMirrorFlip(mirror, flip, p.mirrorFlipLength()));
    }

    /**
     * COLOR_ADJUST (110): six values 0..100.
     *
     * @param brightness the brightness
     * @param contrast the contrast
     * @param hue the hue
     * @param saturation the saturation
     * @param sharpness the sharpness
     * @param denoise the denoise
     * @return the event
     */
    public static FakeEvent colorAdjust(int brightness, int contrast, int hue, int saturation, int sharpness,
                                        int denoise) {
        FoscColorAdjust msg = new FoscColorAdjust(brightness, contrast, hue, saturation, sharpness, denoise);
        return new FakeEvent(msg.toString(), FoscCommand.COLOR_ADJUST, p -> msg);
    }

    /**
     * POWER_FREQUENCY (112): 0 = 60 Hz, 1 = 50 Hz, 2 = outdoor.
     *
     * @param frequency the frequency
     * @return the event
     */
    public static FakeEvent powerFrequency(int frequency) {
        FoscPowerFrequency msg = new FoscPowerFrequency(frequency);
        return new FakeEvent("frequency " + frequency, FoscCommand.POWER_FREQUENCY, p -> msg);
    }

    /**
     * STREAM_SELECT (113).
     *
     * @param stream the stream
     * @return the event
     */
    public static FakeEvent streamSelect(int stream) {
        FoscStreamSelect msg = new FoscStreamSelect(stream);
        return new FakeEvent("stream " + stream, FoscCommand.STREAM_SELECT, p -> msg);
    }

    /**
     * {@return a frame with any command id (known or not, 0..2^32-1) and this raw payload (copied)}
     *
     * @param commandId the command id
     * @param payload the payload
     */
    public static FakeEvent unknown(long commandId, byte[] payload) {
        FoscCommand command = FoscCommand.valueOf(commandId);
        byte[] copy = Objects.requireNonNull(payload, "payload").clone();
        return new FakeEvent("raw " + copy.length + " bytes", command,
                p -> new FoscUnknownMessage(command, Unpooled.wrappedBuffer(copy.clone())));
    }

    /** {@return the event's command} */
    public FoscCommand command() {
        return command;
    }

    /** A new message for a camera of {@code profile}; the caller owns it (write it or release it). */
    FoscMessage toMessage(FakeCameraProfile profile) {
        return factory.apply(profile);
    }

    @Override
    public String toString() {
        return "FakeEvent[" + command + " " + description + "]";
    }
}
