package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

/**
 * COLOR_ADJUST (110): six u8 values, range 0..100 (denoise is always 50 on the seed camera).
 *
 * @param brightness 0..255 on the wire, 0..100 in practice
 * @param contrast as above
 * @param hue as above
 * @param saturation as above
 * @param sharpness as above
 * @param denoise as above
 */
public record FoscColorAdjust(int brightness, int contrast, int hue, int saturation, int sharpness, int denoise)
        implements FoscMessage {

    /** The payload length. */
    public static final int LENGTH = 6;

    /**
     * Creates the message, checking its components.
     *
     * @param brightness 0..255 on the wire, 0..100 in practice
     * @param contrast as above
     * @param hue as above
     * @param saturation as above
     * @param sharpness as above
     * @param denoise as above
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a reference component is null
     */
    public FoscColorAdjust {
        FoscVideoOn.checkByte("brightness", brightness);
        FoscVideoOn.checkByte("contrast", contrast);
        FoscVideoOn.checkByte("hue", hue);
        FoscVideoOn.checkByte("saturation", saturation);
        FoscVideoOn.checkByte("sharpness", sharpness);
        FoscVideoOn.checkByte("denoise", denoise);
    }

    @Override
    public FoscCommand command() {
        return FoscCommand.COLOR_ADJUST;
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }

    void write(ByteBuf out) {
        out.writeByte(brightness).writeByte(contrast).writeByte(hue).writeByte(saturation).writeByte(sharpness)
                .writeByte(denoise);
    }

    static FoscColorAdjust decode(ByteBuf p) {
        FoscWire.requireAtLeast(FoscCommand.COLOR_ADJUST, p, LENGTH);
        int i = p.readerIndex();
        return new FoscColorAdjust(p.getUnsignedByte(i), p.getUnsignedByte(i + 1), p.getUnsignedByte(i + 2),
                p.getUnsignedByte(i + 3), p.getUnsignedByte(i + 4), p.getUnsignedByte(i + 5));
    }
}
