package dev.fosc.codec;

import io.netty.buffer.ByteBuf;

import java.util.Objects;

/**
 * VIDEO_ON (0): start a video stream. Layout: u8 stream; str64 user; str64 password; u32 uid; 28 zero bytes
 * (161 bytes). On an R2C only stream byte 1 works (docs/protocol.md §2).
 *
 * @param stream the stream byte: 0 main, 1 sub (0..255)
 * @param credentials user and password
 * @param uid the session id chosen by the client
 */
public record FoscVideoOn(int stream, FoscCredentials credentials, int uid) implements FoscMessage {

    /** The payload length this encoder writes. */
    public static final int LENGTH = 161;
    private static final int MIN_LENGTH = 133;

    /**
     * Creates the message, checking its components.
     *
     * @param stream the stream byte: 0 main, 1 sub (0..255)
     * @param credentials user and password
     * @param uid the session id chosen by the client
     * @throws IllegalArgumentException if a component is out of range
     * @throws NullPointerException if a reference component is null
     */
    public FoscVideoOn {
        checkByte("stream", stream);
        Objects.requireNonNull(credentials, "credentials");
    }

    static void checkByte(String field, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(field + " must fit one byte (0..255): " + value);
        }
    }

    @Override
    public FoscCommand command() {
        return FoscCommand.VIDEO_ON;
    }

    @Override
    public int payloadLength() {
        return LENGTH;
    }

    void write(ByteBuf out) {
        out.writeByte(stream);
        FoscWire.writeCredentials(out, credentials);
        out.writeIntLE(uid);
        out.writeZero(28);
    }

    static FoscVideoOn decode(ByteBuf p) {
        FoscWire.requireAtLeast(FoscCommand.VIDEO_ON, p, MIN_LENGTH);
        int i = p.readerIndex();
        return new FoscVideoOn(p.getUnsignedByte(i), FoscWire.getCredentials(p, i + 1), p.getIntLE(i + 129));
    }

    @Override
    public String toString() {
        return "FoscVideoOn[stream=" + stream + ", user=" + credentials.user() + ", uid=" + uid + "]";
    }
}
