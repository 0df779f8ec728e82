package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * CRUISES_CHANGED (107): the camera's cruise list. Layout: u8 count @0; 8 {@code str32} names @1;
 * 4 reserved bytes (261 bytes).
 *
 * @param cruises the valid cruise names (at most 8, each 1..32 UTF-8 bytes)
 */
public record FoscCruisesChanged(List<String> cruises) implements FoscMessage {

    /** The payload length. */
    public static final int LENGTH = FoscNameList.size(FoscNameList.MAX_CRUISES) + 4;

    /**
     * Creates the message, checking its components.
     *
     * @param cruises the valid cruise names (at most 8, each 1..32 UTF-8 bytes)
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a reference component is null
     */
    public FoscCruisesChanged {
        cruises = FoscNameList.validate("cruise", cruises, FoscNameList.MAX_CRUISES);
    }

    @Override
    public FoscCommand command() {
        return FoscCommand.CRUISES_CHANGED;
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }

    void write(ByteBuf out) {
        FoscNameList.write(out, cruises, FoscNameList.MAX_CRUISES);
        out.writeZero(4);
    }

    static FoscCruisesChanged decode(ByteBuf p) {
        FoscWire.requireAtLeast(FoscCommand.CRUISES_CHANGED, p, FoscNameList.size(FoscNameList.MAX_CRUISES));
        return new FoscCruisesChanged(FoscNameList.read(FoscCommand.CRUISES_CHANGED, p, p.readerIndex(),
                FoscNameList.MAX_CRUISES));
    }
}
