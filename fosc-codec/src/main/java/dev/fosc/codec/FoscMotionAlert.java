package dev.fosc.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.util.Arrays;

/**
 * MOTION_ALERT (111): motion detected. The payload's meaning is unknown: 4 bytes seen as
 * {@code 01 00 00 1e}, 2 bytes on older firmware. Kept as raw bytes (at most {@value #MAX_LENGTH}).
 */
public final class FoscMotionAlert implements FoscMessage {

    /** The 4-byte form seen on HD cameras. */
    public static final FoscMotionAlert DEFAULT = new FoscMotionAlert(new byte[] {1, 0, 0, 0x1e});
    /** The largest payload accepted; more is a malformed payload. */
    public static final int MAX_LENGTH = 64;

    private final byte[] raw;

    /**
     * Creates an alert with these raw bytes (copied).
     *
     * @param raw the raw
     */
    public FoscMotionAlert(byte[] raw) {
        if (raw.length > MAX_LENGTH) {
            throw new IllegalArgumentException("MOTION_ALERT payload longer than " + MAX_LENGTH + ": " + raw.length);
        }
        this.raw = raw.clone();
    }

    /** {@return a copy of the raw payload} */
    public byte[] raw() {
        return raw.clone();
    }

    /** {@return the raw payload as lower-case hex} */
    public String rawHex() {
        return ByteBufUtil.hexDump(raw);
    }

    @Override
    public FoscCommand command() {
        return FoscCommand.MOTION_ALERT;
    }

    @Override
    public int payloadLength() {
        return raw.length;
    }

    void write(ByteBuf out) {
        out.writeBytes(raw);
    }

    static FoscMotionAlert decode(ByteBuf p) {
        if (p.readableBytes() > MAX_LENGTH) {
            throw new FoscMalformedPayloadException("MOTION_ALERT payload is " + p.readableBytes()
                    + " bytes; at most " + MAX_LENGTH + " expected");
        }
        return new FoscMotionAlert(ByteBufUtil.getBytes(p));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FoscMotionAlert && Arrays.equals(raw, ((FoscMotionAlert) o).raw);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(raw);
    }

    @Override
    public String toString() {
        return "FoscMotionAlert[raw=" + rawHex() + "]";
    }
}
