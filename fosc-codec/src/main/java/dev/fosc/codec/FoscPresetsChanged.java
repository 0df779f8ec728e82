package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * PRESETS_CHANGED (106): the camera's preset list. Layout: u8 count @0; 16 {@code str32} names @1;
 * 4 reserved bytes (517 bytes).
 *
 * @param presets the valid preset names (at most 16, each 1..32 UTF-8 bytes)
 */
public record FoscPresetsChanged(List<String> presets) implements FoscMessage {

    /** The payload length. */
    public static final int LENGTH = FoscNameList.size(FoscNameList.MAX_PRESETS) + 4;

    /**
     * Creates the message, checking its components.
     *
     * @param presets the valid preset names (at most 16, each 1..32 UTF-8 bytes)
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a reference component is null
     */
    public FoscPresetsChanged {
        presets = FoscNameList.validate("preset", presets, FoscNameList.MAX_PRESETS);
    }

    @Override
    public FoscCommand command() {
        return FoscCommand.PRESETS_CHANGED;
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }

    void write(ByteBuf out) {
        FoscNameList.write(out, presets, FoscNameList.MAX_PRESETS);
        out.writeZero(4);
    }

    static FoscPresetsChanged decode(ByteBuf p) {
        FoscWire.requireAtLeast(FoscCommand.PRESETS_CHANGED, p, FoscNameList.size(FoscNameList.MAX_PRESETS));
        return new FoscPresetsChanged(FoscNameList.read(FoscCommand.PRESETS_CHANGED, p, p.readerIndex(),
                FoscNameList.MAX_PRESETS));
    }
}
