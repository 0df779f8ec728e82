package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * CLOSE (1): ask the camera to close the connection. Layout: u8 0; str64 user; str64 password (129 bytes);
 * Foscam's SDK pads it with 32 zero bytes to 161.
 *
 * @param credentials user and password
 * @param payloadLength {@value #LENGTH} or {@value #SDK_LENGTH} (or more: zero-padded)
 */
public record FoscClose(FoscCredentials credentials, int payloadLength) implements FoscMessage {

    /** The seed layout's length, this library's default. */
    public static final int LENGTH = 129;
    /** The length Foscam's SDK sends. */
    public static final int SDK_LENGTH = 161;

    /**
     * Creates the message, checking its components.
     *
     * @param credentials user and password
     * @param payloadLength {@value #LENGTH} or {@value #SDK_LENGTH} (or more: zero-padded)
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a reference component is null
     */
    public FoscClose {
        Objects.requireNonNull(credentials, "credentials");
        if (payloadLength < LENGTH) {
            throw new IllegalArgumentException("CLOSE payload must be at least " + LENGTH + " bytes: " + payloadLength);
        }
    }

    /**
     * A CLOSE of the default length.
     *
     * @param credentials user and password
     */
    public FoscClose(FoscCredentials credentials) {
        this(credentials, LENGTH);
    }

    @Override
    public FoscCommand command() {
        return FoscCommand.CLOSE;
    }

    void write(ByteBuf out) {
        out.writeByte(0);
        FoscWire.writeCredentials(out, credentials);
        out.writeZero(payloadLength - LENGTH);
    }

    static FoscClose decode(ByteBuf p) {
        FoscWire.requireAtLeast(FoscCommand.CLOSE, p, LENGTH);
        int i = p.readerIndex();
        return new FoscClose(FoscWire.getCredentials(p, i + 1),
                p.readableBytes());
    }

    @Override
    public String toString() {
        return "FoscClose[user=" + credentials.user() + ", length=" + payloadLength + "]";
    }
}
