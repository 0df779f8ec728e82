package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

/**
 * POWER_FREQUENCY (112): the power line frequency mode. u32.
 *
 * @param frequency  0 = 60 Hz, 1 = 50 Hz, 2 = outdoor:0 = 60 Hz, 1 = 50 Hz, 2 = outdoor
 */
public record FoscPowerFrequency(int frequency) implements FoscMessage {

    /** The payload length. */
    public static final int LENGTH = 4;

    @Override
    public FoscCommand command() {
        return FoscCommand.POWER_FREQUENCY;
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }

    void write(ByteBuf out) {
        out.writeIntLE(frequency);
    }

    static FoscPowerFrequency decode(ByteBuf p) {
        FoscWire.requireAtLeast(FoscCommand.POWER_FREQUENCY, p, LENGTH);
        return new FoscPowerFrequency(p.getIntLE(p.readerIndex()));
    }
}
