package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

/**
 * MIRROR_FLIP (108): the image orientation. Layout: u32 mirror @0; u32 flip @4 (8 bytes). Some firmware
 * (and one public decoder) use two single bytes instead: both forms decode, and either can be encoded.
 * A payload of 2..7 bytes is read as the byte form.
 *
 * @param mirror 0 or 1
 * @param flip 0 or 1
 * @param payloadLength {@value #LENGTH} or {@value #SHORT_LENGTH}
 */
public record FoscMirrorFlip(int mirror, int flip, int payloadLength) implements FoscMessage {

    /** The seed's form: two u32. */
    public static final int LENGTH = 8;
    /** The two-byte form. */
    public static final int SHORT_LENGTH = 2;

    /**
     * Creates the message, checking its components.
     *
     * @param mirror 0 or 1
     * @param flip 0 or 1
     * @param payloadLength {@value #LENGTH} or {@value #SHORT_LENGTH}
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a reference component is null
     */
    public FoscMirrorFlip {
        if (payloadLength != LENGTH && payloadLength != SHORT_LENGTH) {
            throw new IllegalArgumentException("MIRROR_FLIP is 8 or 2 bytes: " + payloadLength);
        }
        if (payloadLength == SHORT_LENGTH) {
            FoscVideoOn.checkByte("mirror", mirror);
            FoscVideoOn.checkByte("flip", flip);
        }
    }

    /**
     * The 8-byte form.
     *
     * @param mirror the mirror
     * @param flip the flip
     */
    public FoscMirrorFlip(int mirror, int flip) {
        this(mirror, flip, LENGTH);
    }

    @Override
    public FoscCommand command() {
        return FoscCommand.MIRROR_FLIP;
    }

    void write(ByteBuf out) {
        if (payloadLength == SHORT_LENGTH) {
            out.writeByte(mirror);
            out.writeByte(flip);
        } else {
            out.writeIntLE(mirror);
            out.writeIntLE(flip);
        }
    }

    static FoscMirrorFlip decode(ByteBuf p) {
        int i = p.readerIndex();
        if (p.readableBytes() >= LENGTH) {
            return new FoscMirrorFlip(p.getIntLE(i), p.getIntLE(i + 4), LENGTH);
        }
        FoscWire.requireAtLeast(FoscCommand.MIRROR_FLIP, p, SHORT_LENGTH);
        return new FoscMirrorFlip(p.getUnsignedByte(i), p.getUnsignedByte(i + 1), SHORT_LENGTH);
    }
}
